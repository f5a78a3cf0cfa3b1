module early.pursuit/locale

go 1.26
