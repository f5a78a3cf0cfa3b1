/*
 * bcryptprimitives.dll for TESTS UNDER WINE ONLY — never shipped.
 *
 * Go >= 1.22 takes its randomness from ProcessPrng in bcryptprimitives.dll, which every
 * Windows 10+ has but Wine gained only in 8.13; under Debian 12's Wine 8.0 a Go program
 * aborts at start ("bcryptprimitives.dll not found"). This stand-in exports ProcessPrng
 * and fills the buffer from RtlGenRandom (advapi32's SystemFunction036).
 *
 * .ci/windows.sh builds it into a throwaway WINEPREFIX's system32:
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -o bcryptprimitives.dll processprng.c -ladvapi32
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, n))
            return FALSE;
        data += n;
        len -= n;
    }
    return TRUE;
}
