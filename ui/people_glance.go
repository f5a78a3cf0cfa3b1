package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"pursuit/model"
)

// glance is what the right-hand pane shows before an account or a programme is chosen:
// what to do there, and the numbers an administrator checks first. It was a line of words
// beside the list and an empty half of the window.
func (x *PeopleScreen) glance() fyne.CanvasObject {
	var hint string
	rows := container.NewVBox()
	add := func(label string, n int) {
		rows.Add(container.NewBorder(nil, nil, nil, widget.NewLabel(fmt.Sprint(n)), fieldLabel(label)))
	}
	if x.Tab == "accounts" {
		hint = "Choose an account to reset its password or disable it, or add an account."
		byRole, disabled := map[model.Role]int{}, 0
		for _, u := range x.Users {
			if !u.Active {
				disabled++
				continue
			}
			byRole[u.Role]++
		}
		for _, r := range model.Roles {
			add(r.Label()+"s", byRole[r])
		}
		add("Disabled accounts", disabled)
	} else {
		hint = "Choose a programme to see who supports the preceptee, change them or extend the programme, or start a programme."
		by := map[model.ProgrammeStatus]int{}
		for _, p := range x.Programmes {
			by[p.Status]++
		}
		for _, st := range []model.ProgrammeStatus{model.ProgrammeActive, model.ProgrammeExtended, model.ProgrammeCompleted, model.ProgrammeLeft} {
			add(st.Label(), by[st])
		}
	}
	// Marked as a placeholder: where the list and a record take turns (a narrow window,
	// large text), the list is what shows while nothing is chosen.
	return container.New(hintLayout{}, container.NewVBox(note(hint), card("At a glance", rows)))
}
