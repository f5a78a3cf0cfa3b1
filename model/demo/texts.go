package demo

// The text banks below are entirely fictional and anonymised: no patient is named or
// otherwise identifiable, in keeping with the app's own identifier warnings. Reflections and
// SLOT answers are in the preceptee's voice; testimonies are in the colleague's.

var scenarios = []Scenario{
	{
		Title:   "Recognising a deteriorating patient on a late shift",
		Domains: []string{"Delivering safe and effective care", "Communication and relationships"},
		Gibbs: map[string]string{
			"description": "On a late shift on an acute medical ward I was caring for a man in his seventies admitted with a chest infection. At the evening observations his NEWS2 score had risen from 2 to 6: his respiratory rate was 26, his oxygen saturation had dropped and he was newly confused. I repeated the observations, told the nurse in charge and bleeped the foundation doctor using SBAR. He was reviewed within twenty minutes, the sepsis six was started and the critical care outreach team were asked to see him.",
			"feelings":    "When I saw the score my own heart rate went up and for a moment I doubted whether I had counted the respiratory rate properly. I was worried the doctor would think I was overreacting because he had been chatty at lunchtime. Once the nurse in charge was beside me and there was a plan I felt calmer, and by the end of the shift I felt proud but exhausted.",
			"evaluation":  "Recognising the new confusion as part of the score was good, because earlier in my training I might have put it down to tiredness. My SBAR call was clear and the doctor said it gave her what she needed. Less good was that I spent several minutes rechecking on my own before escalating, and the fluid balance chart had not been kept up to date during the afternoon, so I could not say what his urine output had been.",
			"analysis":    "The Royal College of Physicians’ NEWS2 guidance says that a score of 5 or more, or new confusion, needs an urgent response from a clinician competent in acute illness, so escalation was right and should have been immediate. Fear of ‘bothering’ a doctor is a well-described human factor in delayed escalation. The Trust’s deteriorating patient policy and the SBAR tool gave me a structure that took the emotion out of the call.",
			"conclusion":  "I have learned to trust the score and my own observations, and that escalating early is never wasted even when the outcome is reassuring. I could have asked the healthcare assistant to start an accurate fluid balance chart as soon as I saw the score rise. I also recognised how important it is to know a patient’s baseline from handover.",
			"action_plan": "I will escalate as soon as NEWS2 reaches the trigger, repeating the observations while I wait rather than before I call. I will ask for each patient’s baseline, including cognition, at every handover. I have booked the next sepsis and NEWS2 update and asked my preceptor to observe me handing over to the outreach team.",
		},
		NMC: map[string]string{
			"what_happened":    "During a late shift on an acute medical ward, an older patient with a chest infection had a rising NEWS2 score and new confusion. I escalated to the nurse in charge, the medical team and the critical care outreach team using SBAR, and the sepsis six was started.",
			"what_learned":     "I learned that new confusion is a red flag in its own right and that the NEWS2 trigger thresholds exist to remove hesitation. I also learned how much quicker a review happens when the first sentence of the call states the score and the concern.",
			"practice_changed": "I now jot down my SBAR before I pick up the phone, and I ask for a clear plan and a time for review before I end the call. I check fluid balance charts at the start of each shift rather than at the end.",
			"code_link":        "This relates to ‘preserve safety’: I acted without delay when there was a risk to safety (Code 16) and recognised the limits of my competence (Code 13). It also relates to ‘practise effectively’ through clear communication and co-operative working with colleagues (Code 8).",
		},
	},
	{
		Title:   "Leading my first medicines round as a registrant",
		Domains: []string{"Medicines management", "Leadership, delegation and team working"},
		Gibbs: map[string]string{
			"description": "In my fifth week, just after my supernumerary period ended, I led my first morning medicines round on my own on a surgical ward, for eight patients. The round started late because of the safety huddle, and two patients needed time-critical medicines: insulin and Parkinson’s medication. I was interrupted repeatedly by phone calls and questions from visitors, and the round took nearly two hours.",
			"feelings":    "I felt anxious before I started and very aware that I was now the one signing the chart. Each interruption made me flustered and I worried I would lose my place. By the end I was relieved that everything had been given safely but disappointed that it had taken so long.",
			"evaluation":  "I prioritised the time-critical medicines first, so the Parkinson’s medication was given on time. I followed the rights of administration and checked identity and allergies for every patient. However, I did not wear the ward’s ‘do not disturb’ tabard, and I went back to the treatment room several times because I had not checked stock beforehand.",
			"analysis":    "The Royal Pharmaceutical Society and Royal College of Nursing guidance on administering medicines and the Trust’s medicines policy both stress minimising interruptions, which are a known contributor to errors. Parkinson’s UK’s ‘Get It On Time’ campaign helped me understand why even a short delay matters. My unfamiliarity with the electronic prescribing system also slowed me down.",
			"conclusion":  "The round was safe, which is what matters most, but I can make it more efficient by preparing before I start. I have learned that protecting a medicines round from interruptions is a patient safety issue rather than a matter of convenience.",
			"action_plan": "I will check the electronic chart for time-critical medicines and stock at the start of every shift and wear the tabard on every round. I have asked the ward pharmacist to spend twenty minutes showing me the shortcuts in the prescribing system. My preceptor will observe a round in four weeks so we can compare.",
		},
		NMC: map[string]string{
			"what_happened":    "Once my supernumerary period had ended I carried out my first unsupervised morning medicines round, for eight patients on a surgical ward. Two patients needed time-critical medicines, and the round was repeatedly interrupted.",
			"what_learned":     "I learned which medicines on my ward are time-critical and why, and how much interruptions slow a round and increase risk. I also learned to use the omitted-dose codes correctly and to escalate an omission rather than simply record it.",
			"practice_changed": "I plan my round at the start of the shift, give time-critical medicines first and wear the tabard. If a dose is omitted I tell the nurse in charge and the prescriber and record the reason in the electronic record.",
			"code_link":        "This relates to ‘preserve safety’, particularly Code 18 on administering medicines within the limits of my training and competence. It also relates to ‘practise effectively’ by keeping clear and accurate records of administration and omitted doses (Code 10).",
		},
	},
	{
		Title:   "Responding to a relative’s complaint at ward level",
		Domains: []string{"Communication and relationships", "Accountability and professional practice"},
		Gibbs: map[string]string{
			"description": "At visiting time on a respiratory ward, a patient’s son came to the nurses’ station visibly angry because his father had waited a long time for help to the toilet and had been incontinent. He said nobody listened and he wanted to make a formal complaint. I took him to the quiet room, listened without interrupting and apologised for his father’s experience. I then checked the records, spoke to the healthcare assistant involved and asked the nurse in charge to join us.",
			"feelings":    "My first instinct was to defend my colleagues, because we had been two staff short all afternoon. I felt uncomfortable and a little intimidated when he raised his voice. Once he had been heard I could see he was frightened for his father rather than angry with me, and I felt more able to help.",
			"evaluation":  "Listening and apologising calmed the situation, and by the end he said he wanted to know what would change rather than to complain formally. I gave him information about the Patient Advice and Liaison Service in case he changed his mind. I wish I had not mentioned staffing early on, because it sounded like an excuse.",
			"analysis":    "The NHS complaints process encourages resolving concerns locally and quickly where possible, and the Trust’s policy is clear that an apology is not an admission of liability. The approach we were taught at induction (listen, empathise, apologise, respond and let the person know what happens next) gave me a structure. I also recognised that the underlying issue, a delay in helping someone to the toilet, was a dignity and falls risk that needed to be reported properly.",
			"conclusion":  "People mostly want to be heard and to know that something will change. I should focus on the person’s experience rather than the reasons behind it, and I should make sure the issue is reported so the ward can learn from it.",
			"action_plan": "With the nurse in charge I completed a Datix about the delayed response so that staffing and intentional rounding could be reviewed. I agreed to update him the next day, which I did. I will attend the Trust’s workshop on resolving concerns and ask my preceptor to debrief with me after my next difficult conversation.",
		},
		NMC: map[string]string{
			"what_happened":    "A patient’s son raised an angry concern with me at visiting time because his father had waited a long time for help to the toilet. I responded locally by listening in a private space, apologising and involving the nurse in charge.",
			"what_learned":     "I learned how to stay calm when someone is angry, and that an apology and a clear explanation of what will happen next often resolve a concern. I also learned how PALS and the formal complaints process work.",
			"practice_changed": "I now offer a private space straight away, I avoid explaining problems in terms of staffing, and I agree a time to follow up. I report delays in care as incidents so that they are visible.",
			"code_link":        "This relates to ‘prioritise people’ by listening and responding to people’s concerns (Code 2). It also relates to ‘promote professionalism and trust’ by responding to complaints professionally and openly (Code 24).",
		},
	},
	{
		Title:   "Caring for a woman in the last hours of life and supporting her family",
		Domains: []string{"Person-centred care", "Resilience and wellbeing"},
		Gibbs: map[string]string{
			"description": "On a night shift on an older adults’ ward I cared for a woman in her nineties who was in the last days of life, with an individualised end-of-life care plan in place. Her two daughters were staying with her. In the early hours her breathing changed and she became restless, so I gave the anticipatory medicine prescribed for agitation and sat with the family. She died peacefully shortly before handover, and I carried out last offices with a healthcare assistant.",
			"feelings":    "This was the first death I had cared for as a registered nurse and I felt the weight of the responsibility. I was worried about saying the wrong thing to her daughters. Afterwards I felt sad but also privileged to have been there, and I cried briefly in the staff room, which surprised me.",
			"evaluation":  "The daughters said they felt supported and that their mother looked comfortable. I had reviewed the care plan and anticipatory medicines at the start of the shift, so I was prepared. I was less confident explaining the changes in her breathing, and I had to ask the nurse in charge how to contact the bereavement office.",
			"analysis":    "The five priorities for care of the dying person and NICE guideline NG31 emphasise recognising dying, sensitive communication and involving the family, and these matched what I tried to do. My training had covered the physical care but said less about the emotional impact on staff. Talking to my preceptor helped me see that feeling upset showed that I cared and was not unprofessional.",
			"conclusion":  "Being present and explaining what is happening matters as much as the clinical tasks. I also learned that I need to look after myself after a death and that this is a normal part of practice.",
			"action_plan": "I will complete the Trust’s end-of-life care e-learning and ask the specialist palliative care team whether I can shadow them for a day. I will prepare some plain-language phrases to explain changes in breathing to families. I will use the ward debrief and Schwartz Rounds after distressing events.",
		},
		NMC: map[string]string{
			"what_happened":    "On a night shift I cared for a woman in the last hours of her life, giving anticipatory medication and supporting her two daughters at the bedside. After she died I carried out last offices with a healthcare assistant.",
			"what_learned":     "I learned the five priorities for care of the dying person and how to explain what dying looks like in plain language. I also learned how the Trust’s bereavement pathway works.",
			"practice_changed": "I now check the care plan and anticipatory medicines at the start of each shift for anyone recognised as dying, and I ask families what matters to them. I take a moment for myself after a death and talk to a colleague.",
			"code_link":        "This relates to ‘prioritise people’, especially Code 3.2 on recognising and responding compassionately to the needs of those in the last few days and hours of life. It also relates to ‘preserve safety’ through the safe use of anticipatory medicines within the prescription and the Trust’s policy (Code 18).",
		},
	},
	{
		Title:   "Raising a safeguarding concern after a community visit",
		Domains: []string{"Safeguarding and raising concerns", "Digital practice, documentation and information governance"},
		Gibbs: map[string]string{
			"description": "While visiting a man in his eighties at home to give his insulin, I noticed that his fridge was almost empty, he had lost weight since the last visit and he had bruising on both forearms. He became quiet when the relative who lives with him came into the room, and later told me quietly that he was ‘not allowed’ to use his bank card. I finished the visit, documented what I had seen and heard factually, and discussed my concerns with the team leader as soon as I returned to base.",
			"feelings":    "I felt uneasy as soon as I walked in, but I was not sure whether I was reading too much into things. I was worried about making his situation worse by raising concerns. I also felt a strong sense of responsibility, because our team might be the only people who saw him regularly.",
			"evaluation":  "I recorded exactly what I saw and what he said in his own words rather than my interpretation. Discussing it with my team leader the same day meant a safeguarding adults referral was made promptly. I did not ask him whether he was happy for me to share my concerns, which I should have tried to do when we were alone.",
			"analysis":    "The Care Act 2014 sets out six safeguarding principles, including empowerment and proportionality, and names financial abuse and neglect as types of abuse. The Trust’s safeguarding procedure asks for concerns to be raised the same day and for the person’s wishes to be sought where it is safe, in line with Making Safeguarding Personal. Knowing that he had capacity was important, because his views should shape what happens next.",
			"conclusion":  "I don’t need proof to raise a concern: my role is to recognise and report. I should have had a quiet conversation about his wishes while the relative was out of the room. I also learned that the safeguarding team are there for advice, not only for referrals.",
			"action_plan": "I will call the safeguarding team’s advice line whenever I am unsure and will always try to seek the person’s views first. I have asked to attend safeguarding adults level 3 training early, and I will review this visit with my clinical supervisor.",
		},
		NMC: map[string]string{
			"what_happened":    "During a home visit I noticed signs that an older man might be experiencing financial abuse and neglect, and he told me he was not allowed to use his bank card. I raised a safeguarding concern with my team leader the same day, which led to a referral to the local authority.",
			"what_learned":     "I learned the types of abuse described in the Care Act, the principles of Making Safeguarding Personal and how to document observations objectively. I also learned that the safeguarding team will give advice whenever I am unsure whether a concern meets the threshold.",
			"practice_changed": "I now record people’s exact words in quotation marks and describe what I see without drawing conclusions. I ask people, where it is safe, what they would like to happen, and I contact the safeguarding team on the same day.",
			"code_link":        "This relates to ‘preserve safety’ by raising concerns immediately when someone is vulnerable or at risk (Code 17). It also relates to ‘practise effectively’ by keeping clear and accurate records (Code 10).",
		},
	},
	{
		Title:   "Responding to an unwitnessed fall at night",
		Domains: []string{"Delivering safe and effective care", "Safeguarding and raising concerns"},
		Gibbs: map[string]string{
			"description": "During a night shift on a medical ward, a woman in her late seventies with mild dementia fell on her way to the bathroom. I found her sitting on the floor by her bed; she had hit her head on the locker and takes an anticoagulant. I did not move her until I had checked for injury, then used the inflatable lifting cushion with colleagues, started neurological observations and called the doctor. A CT head scan was arranged and was clear.",
			"feelings":    "I felt guilty because I had checked on her half an hour earlier and she had seemed settled. I was anxious while we waited for the scan result. I also felt pressure when I had to ring her son in the early hours to explain what had happened.",
			"evaluation":  "I followed the post-falls protocol: I did not rush to get her up, I used the right equipment and I recognised that a head injury while anticoagulated needed medical review and a scan. The phone call to her son was honest and he thanked me for it. However, when I looked at her multifactorial falls risk assessment, lying and standing blood pressure had never been recorded and her call bell had been out of reach.",
			"analysis":    "NICE guidance on falls recommends a multifactorial assessment that includes lying and standing blood pressure, and NICE head injury guidance advises a CT scan within eight hours for people taking anticoagulants. Dementia and an unfamiliar environment increase the risk of falling at night. The duty of candour requires openness with families when something goes wrong, which I was able to show.",
			"conclusion":  "The first hour after a fall matters as much as prevention. I could have suggested moving her nearer the bathroom or asked about enhanced observation at the start of the shift. Completing a Datix helped the ward see a pattern of night-time falls.",
			"action_plan": "I will check that falls risk assessments are complete, including lying and standing blood pressure, for every admission I take. I will make sure call bells are within reach at every rounding check. I have offered to help with next month’s falls audit.",
		},
		NMC: map[string]string{
			"what_happened":    "A patient with dementia who takes an anticoagulant fell at night and hit her head. I followed the post-falls protocol, arranged a medical review and CT scan, told her family what had happened and reported the incident.",
			"what_learned":     "I learned the post-falls protocol, why anticoagulated patients need a CT head scan after a head injury, and which parts of the falls risk assessment are most often missed. I also learned that the professional duty of candour means telling families promptly, even when no harm has resulted.",
			"practice_changed": "I now make sure lying and standing blood pressure is recorded for everyone at risk of falls, and I check bed height, call bell and footwear during rounding. I speak to families promptly and honestly after an incident.",
			"code_link":        "This relates to ‘preserve safety’ by reducing as far as possible the potential for harm (Code 19). It also reflects being open and candid with the family when something has gone wrong (Code 14).",
		},
	},
	{
		Title:   "Explaining visiting restrictions during a norovirus outbreak",
		Domains: []string{"Communication and relationships", "Infection prevention and control"},
		Gibbs: map[string]string{
			"description": "Our bay was closed because of a norovirus outbreak and visiting was limited to one nominated person per patient. A woman arrived to visit her husband and became very upset when I explained that her adult son, who had travelled a long way, could not come in as well. She said we were being heartless and that her husband might not have long left. I asked her to sit with me in the day room, away from the bay entrance, and listened.",
			"feelings":    "I felt torn, because I understood her distress and the rule felt harsh to me too. I was worried about getting it wrong either way, by upsetting the family or by spreading infection. I felt relieved when we found a way forward together.",
			"evaluation":  "I stayed calm, explained why the restriction was in place and did not simply repeat ‘it’s policy’. I checked with the nurse in charge and the infection prevention and control team, who agreed that because her husband was very unwell both could visit, wearing aprons and gloves and washing their hands with soap and water. I had not known that exceptions could be made on compassionate grounds, so at first I gave the family incorrect information.",
			"analysis":    "The national infection prevention and control manual and the Trust’s outbreak policy balance transmission-based precautions against compassionate visiting, particularly at the end of life. Alcohol hand rub is not effective against norovirus, so explaining why soap and water mattered was important. Acknowledging her feelings before giving information, as the Sage and Thyme model suggests, helped her to hear what I was saying.",
			"conclusion":  "Infection control and compassion are not opposites, and asking the IPC team can open up options I didn’t know existed. I should check what exceptions are possible before telling a family no.",
			"action_plan": "I will read the outbreak section of the IPC policy and keep the IPC team’s extension on my handover sheet. I have booked the Sage and Thyme workshop, and I will ask my preceptor to let me lead the family conversation the next time we have a closed bay.",
		},
		NMC: map[string]string{
			"what_happened":    "During a norovirus outbreak, a distressed relative challenged the restriction of visiting to one person per patient. I listened, sought advice from the infection prevention and control team and agreed compassionate visiting with precautions.",
			"what_learned":     "I learned how visiting is managed during an outbreak, why soap and water are needed for norovirus, and how to acknowledge feelings before giving information. I also learned that exceptions can be agreed on compassionate grounds, especially at the end of life.",
			"practice_changed": "I check the policy and the IPC team’s advice before refusing a request. I explain the reason for a precaution as well as the precaution itself, and I make sure visitors know how to wash their hands properly.",
			"code_link":        "This relates to ‘prioritise people’ by listening and responding to people’s concerns (Code 2). It also relates to ‘preserve safety’ by reducing the potential for harm through infection prevention and control (Code 19).",
		},
	},
	{
		Title:   "Delegating care to an experienced healthcare assistant",
		Domains: []string{"Leadership, delegation and team working", "Accountability and professional practice"},
		Gibbs: map[string]string{
			"description": "On a busy early shift on an orthopaedic ward I was responsible for ten patients with one healthcare assistant. I needed to delegate the morning observations, personal care and a capillary blood glucose check while I did the medicines round and prepared a patient for theatre. The healthcare assistant had worked on the ward for many years and I felt awkward asking her to do things, so at first I tried to do too much myself.",
			"feelings":    "I felt like a newcomer telling an experienced colleague what to do, and I worried that she would resent it. By mid-morning I felt overwhelmed because I was falling behind. After we talked I felt much more part of a team.",
			"evaluation":  "Once we had a quick conversation to agree priorities the shift improved: she did the observations, told me straight away about a NEWS2 of 4 and reported back on skin checks. I had not checked that she was signed off for blood glucose monitoring before delegating it, which I should have done. She told me afterwards that she prefers clear requests to vague ones.",
			"analysis":    "The NMC Code and the RCN’s principles of delegation make clear that the registrant remains accountable for the decision to delegate, must be satisfied that the person is competent and must confirm the outcome. The ‘five rights’ of delegation (right task, circumstances, person, directions and supervision) gave me a framework. My reluctance came from my own lack of confidence, not from anything she said or did.",
			"conclusion":  "Delegation is about patient safety and using the skills of the whole team, not about hierarchy. Asking colleagues what they are competent in is respectful, and agreeing when they will report back avoids gaps.",
			"action_plan": "At the start of each shift I will hold a short huddle with the healthcare assistant to agree tasks and report-back times. I will check competency records before delegating clinical skills. I will discuss delegation with my preceptor at our next meeting.",
		},
		NMC: map[string]string{
			"what_happened":    "On a busy orthopaedic shift I delegated observations, personal care and blood glucose monitoring to an experienced healthcare assistant. At first I found it awkward and tried to do too much myself.",
			"what_learned":     "I learned that I remain accountable for the decision to delegate, that I must check competence and give clear instructions, and that I must confirm the task has been done. I also learned that experienced colleagues generally welcome clear requests.",
			"practice_changed": "I now agree priorities and report-back times at the start of each shift and check sign-off before delegating clinical skills. I ask colleagues for feedback on how I delegate.",
			"code_link":        "This relates to ‘practise effectively’ by being accountable for my decisions to delegate (Code 11). It also relates to working co-operatively and respectfully with colleagues (Code 8).",
		},
	},
	{
		Title:   "A near miss with an undocumented allergy",
		Domains: []string{"Medicines management", "Delivering safe and effective care", "Digital practice, documentation and information governance"},
		Gibbs: map[string]string{
			"description": "On a late shift I prepared an intravenous dose of co-amoxiclav for a man admitted that afternoon. At the bedside, during the second check, my colleague noticed his red allergy wristband: he had a penicillin allergy that was recorded in the emergency department paperwork but not in the electronic prescribing system. The dose was not given. We told the prescriber, who changed the antibiotic, and I completed a Datix.",
			"feelings":    "My stomach dropped when I realised what could have happened. I felt ashamed and at first wanted to keep it quiet. When the nurse in charge thanked me for reporting it and said the checks had worked, I felt reassured, but I was shaken for the rest of the shift.",
			"evaluation":  "The independent second check and the allergy wristband worked as safety barriers, and I reported the near miss honestly and quickly. However, I relied on the electronic record and did not ask the patient about allergies myself before preparing the dose, which is one of the checks I should make.",
			"analysis":    "Reason’s ‘Swiss cheese’ model helped me see how several small gaps lined up: an incomplete transfer of information, my assumption and a busy shift. The Trust’s medicines policy requires allergy status to be confirmed with the patient before administration. The Patient Safety Incident Response Framework encourages reporting near misses so that systems can be improved without blame.",
			"conclusion":  "Reporting a near miss is part of a safety culture, not an admission of failure. I must never assume the electronic record is complete, especially on the day of admission.",
			"action_plan": "I will ask every patient, or their family, about allergies before giving a first dose. I shared the near miss at the ward safety huddle, and the pharmacy team now check allergy reconciliation for new admissions. I will ask my preceptor to observe my next IV medicines round.",
		},
		NMC: map[string]string{
			"what_happened":    "I prepared an IV antibiotic for a newly admitted patient whose penicillin allergy had not been transferred into the electronic prescribing system. The allergy wristband was noticed at the second check, the dose was not given, and I reported the near miss.",
			"what_learned":     "I learned how errors arise when system gaps and assumptions line up, as Reason’s model describes. I also learned that an open reporting culture under the Patient Safety Incident Response Framework leads to improvement rather than blame.",
			"practice_changed": "I confirm allergy status with the patient and check the wristband before preparing any first dose. I report near misses promptly and share the learning at the huddle.",
			"code_link":        "This relates to ‘preserve safety’: administering medicines safely (Code 18) and reducing the potential for harm (Code 19). It also relates to being open and candid when things go wrong (Code 14).",
		},
	},
	{
		Title:   "De-escalating distress on an acute mental health ward",
		Domains: []string{"Person-centred care", "Communication and relationships"},
		Gibbs: map[string]string{
			"description": "On an adult acute mental health ward, a young man detained under section 2 of the Mental Health Act became very distressed after being told that his leave had been cancelled. He was shouting in the corridor and kicking a door, and other patients were becoming frightened. I approached him calmly with a colleague, kept a safe distance and invited him to a quieter area. After about twenty minutes of talking he accepted oral PRN medication, and no restrictive intervention was needed.",
			"feelings":    "My heart was racing and I was very aware of how distressed he was. I also felt frustrated, because I thought the change to his leave could have been explained better. When he settled I felt relief and a sense that I had been able to help.",
			"evaluation":  "I used the de-escalation skills from my training: a calm, low voice, open body language and offering choices. His safety and support plan said that music and a quiet space helped him, and both did. I had not asked for other patients to be guided away before I approached, so there was an audience that kept the tension high for longer.",
			"analysis":    "NICE guideline NG10 on violence and aggression and the Mental Health Units (Use of Force) Act 2018 require staff to try de-escalation first and to use the least restrictive option. The Safewards interventions ‘talk down’ and ‘know each other’ describe exactly what helped. His distress was understandable: losing his leave felt like losing control, and the news had been given in a rush.",
			"conclusion":  "De-escalation starts before an incident, with how difficult news is given. I feel more confident that distress can be managed without restraint, and that knowing the person’s plan makes a real difference.",
			"action_plan": "I will read each patient’s safety and support plan at the start of every shift. I will suggest that planned changes to leave are discussed with the named nurse present. I have booked the Trust’s refresher on de-escalation and reducing restrictive practice.",
		},
		NMC: map[string]string{
			"what_happened":    "A young man detained under the Mental Health Act became very distressed after his leave was cancelled. With a colleague I used talk-down techniques and his safety and support plan, and no restrictive intervention was needed.",
			"what_learned":     "I learned how Safewards interventions and the least restrictive principle work in practice. I also learned how much the way difficult information is given affects a person’s distress.",
			"practice_changed": "I read each person’s plan for what helps them and ask for the area to be cleared early. I make sure difficult news is given with support in place, ideally by someone the person knows.",
			"code_link":        "This relates to ‘prioritise people’ by treating people with dignity (Code 1) and acting in their best interests (Code 4). It also relates to ‘preserve safety’ by reducing the potential for harm to the patient, other patients and staff (Code 19).",
		},
	},
	{
		Title:   "Coordinating a discharge home with a new package of care",
		Domains: []string{"Delivering safe and effective care", "Communication and relationships"},
		Gibbs: map[string]string{
			"description": "I coordinated the discharge of a woman in her eighties who lives alone and had been admitted with a urinary tract infection and delirium. She was medically fit but needed carers four times a day, a commode and a key safe. I liaised with the discharge coordinator, the social worker, the occupational therapist and her niece, and worked through the ward’s discharge checklist. The discharge was delayed by a day while the care agency confirmed a start time.",
			"feelings":    "I felt pressure from the patient flow team, who asked twice whether she could go that afternoon. I was anxious that she would go home without everything in place and be readmitted. When her niece rang the next day to say everything had worked, I felt genuinely pleased.",
			"evaluation":  "Her medicines were explained to her and her niece by the pharmacy team and supplied in a compliance aid supported by her community pharmacy. The discharge letter went to her GP and a district nursing referral was sent electronically. I had not initially checked that the key safe had been fitted, which would have meant the carers could not get in on the first evening.",
			"analysis":    "The national hospital discharge and community support guidance promotes a ‘home first’ approach and highlights the risks in the first 24 hours after discharge. The multidisciplinary team, including the occupational therapy home assessment, identified risks I would not have seen alone. Pressure on beds is real, but the Trust’s discharge policy is clear that a discharge should not go ahead until the essentials are in place.",
			"conclusion":  "Discharge planning starts on the day of admission, and it helps to ask what will happen at teatime on the day the person gets home. It is acceptable to hold a discharge when a key safety element is missing, as long as I explain why.",
			"action_plan": "I will start the discharge checklist on admission and include the expected date of discharge in handover. I will shadow the discharge coordinator for a morning. I will always confirm access, equipment and medicines before transport is booked.",
		},
		NMC: map[string]string{
			"what_happened":    "I coordinated the discharge of an older woman who lives alone and needed a new package of care, equipment and a key safe. I worked with social care, therapy, pharmacy and her family, and held the discharge for a day until everything was in place.",
			"what_learned":     "I learned how the home-first and discharge to assess pathways work and who does what in the multidisciplinary team. I also learned which practical checks, such as access for carers, are easy to miss.",
			"practice_changed": "I start planning discharge on admission and confirm access, equipment and medicines before booking transport. I give families a named contact on the ward.",
			"code_link":        "This relates to ‘practise effectively’ through co-operative working with colleagues and other agencies (Code 8). It also relates to ‘preserve safety’ by reducing the potential for harm at transfer of care (Code 19).",
		},
	},
	{
		Title:   "Assessing a deteriorating leg wound on a home visit",
		Domains: []string{"Infection prevention and control", "Delivering safe and effective care"},
		Gibbs: map[string]string{
			"description": "On a district nursing visit I reviewed a leg ulcer for a man in his sixties with type 2 diabetes. The wound had grown, the surrounding skin was red and warm, and there was a new odour. I cleaned and dressed it using aseptic non-touch technique, took a swab in line with the wound formulary, photographed the wound with his consent using the Trust’s secure app and discussed it with the tissue viability nurse. His GP prescribed oral antibiotics the same day.",
			"feelings":    "I felt more independent than I ever had on placement, but also quite alone in somebody’s kitchen with no colleague to ask. I was worried about missing signs of infection. Talking it through with the tissue viability nurse on the phone was reassuring.",
			"evaluation":  "My assessment was thorough and used the wound assessment chart in the electronic record, with measurements and photographs, so the change was objective. I maintained ANTT in a cluttered home by setting up a clean field on a tray. I had not realised that he had never had an ankle brachial pressure index assessment, so compression could not be considered, and this should have been picked up earlier.",
			"analysis":    "The National Wound Care Strategy Programme recommends a full assessment, including ABPI, for any lower leg wound that has not healed within two weeks so that compression can be started. International wound infection guidance helped me recognise the local signs of infection. Diabetes increases both the risk of infection and of poor healing, and his glucose control had been poor.",
			"conclusion":  "I learned to apply ANTT flexibly in a home and to track wounds with photographs and measurements. I should check whether a full lower limb assessment has been done for every leg wound on my caseload.",
			"action_plan": "I will complete the Trust’s lower limb assessment training and do ABPI assessments under supervision. I will review the leg wounds on my caseload for missing assessments with my team leader. I will keep a wound care log for my revalidation portfolio.",
		},
		NMC: map[string]string{
			"what_happened":    "On a district nursing visit I found that a leg ulcer had deteriorated, with signs of local infection. I dressed it using ANTT, recorded measurements and photographs, and escalated to the GP and the tissue viability nurse.",
			"what_learned":     "I learned the National Wound Care Strategy recommendations for lower leg wounds, including the need for an ABPI assessment. I also learned the signs of local wound infection and how to maintain ANTT in a home.",
			"practice_changed": "I measure and photograph wounds at every review and check that a lower limb assessment has been done. I set up a clean field before starting a dressing at home.",
			"code_link":        "This relates to ‘practise effectively’ by practising in line with the best available evidence (Code 6). It also relates to ‘preserve safety’ by reducing the potential for harm through infection prevention (Code 19).",
		},
	},
	{
		Title:   "Supporting a capacity assessment for a man with a learning disability",
		Domains: []string{"Person-centred care", "Communication and relationships"},
		Gibbs: map[string]string{
			"description": "A man in his thirties with a moderate learning disability and autism was admitted to our acute medical ward and needed blood tests to investigate his kidney function. He became very distressed when the phlebotomist approached and pulled his arm away. His hospital passport said he was frightened of needles and liked things explained with pictures. I discussed with the doctor whether he had capacity to decide about the blood test, and we agreed to assess this together with the learning disability liaison nurse and his support worker.",
			"feelings":    "I felt uncomfortable watching him become so distressed and worried that we might simply carry on because the test was ‘needed’. I was unsure of my own role in a capacity assessment. By the end I felt we had done right by him, even though it took longer.",
			"evaluation":  "Using his hospital passport and involving the liaison nurse and support worker made a big difference. We used easy-read pictures and gave him time, and it was clear that he could not understand or weigh up information about the test, so he lacked capacity for this decision. A best-interests discussion agreed numbing cream and a practice visit, and the test was done calmly the next day. At first I had assumed that refusing meant he lacked capacity, which was wrong.",
			"analysis":    "The Mental Capacity Act 2005 says capacity must be assumed, all practicable steps must be taken to help someone decide, and an unwise decision is not in itself evidence of incapacity. The functional test (understand, retain, use or weigh, communicate) gave us a structure. The Equality Act 2010 requires reasonable adjustments, and the LeDeR programme has shown how diagnostic overshadowing and missed adjustments contribute to avoidable deaths.",
			"conclusion":  "Capacity is decision-specific and must be assessed, not assumed either way. Reasonable adjustments took extra time but prevented a traumatic experience, and he was more settled for the rest of his stay.",
			"action_plan": "I will complete the Oliver McGowan tier 2 training and read the Trust’s MCA policy. I will ask for the hospital passport on admission for every autistic person or person with a learning disability. I will record capacity assessments on the Trust’s form, including how I supported the person to decide.",
		},
		NMC: map[string]string{
			"what_happened":    "A man with a learning disability and autism refused blood tests on an acute medical ward. I took part in assessing his capacity for this decision with the doctor and the learning disability liaison nurse, and in the best-interests decision that followed.",
			"what_learned":     "I learned the principles of the Mental Capacity Act and the functional test of capacity. I also learned how reasonable adjustments and the hospital passport help people to be involved in decisions about their care.",
			"practice_changed": "I ask for hospital passports on admission and involve the learning disability liaison team early. I document capacity assessments and best-interests decisions in full, including the support I gave.",
			"code_link":        "This relates to ‘prioritise people’ by acting in people’s best interests, including on consent and capacity (Code 4). It also relates to treating people as individuals and avoiding assumptions about them (Code 1).",
		},
	},
	{
		Title:   "First mobilisation after hip fracture surgery (physiotherapy)",
		Domains: []string{"Delivering safe and effective care", "Person-centred care"},
		Gibbs: map[string]string{
			"description": "As a newly qualified physiotherapist on the orthopaedic ward, I carried out a first mobilisation session with a woman in her eighties the day after surgery for a hip fracture. Beforehand I checked her observations, pain score, haemoglobin and weight-bearing status, and agreed with her nurse that she would have analgesia first. With a therapy assistant I helped her to sit out and then stand with a frame, but she became dizzy and pale after a few steps. We sat her down, found that her blood pressure had dropped, returned her to bed and informed the nurse and doctor.",
			"feelings":    "I felt nervous because she was frail and I did not want her to fall. When she became dizzy I had a moment of panic, and then my training took over. Afterwards I was disappointed that she had not walked further, but proud that I had stopped safely.",
			"evaluation":  "Planning with the nurse and the therapy assistant meant a chair was behind her and we could respond quickly. Stopping the session was the right decision, and documenting the postural drop led to the medical team reviewing her fluids. I had not checked her lying and standing blood pressure before standing her, which might have predicted the problem.",
			"analysis":    "The NICE hip fracture guideline and the National Hip Fracture Database standards recommend mobilisation by the day after surgery because early mobility improves outcomes. Postural hypotension is common after surgery, blood loss and anaesthesia. My clinical reasoning balanced the benefits of early mobilisation against her risks, which is what the HCPC standards expect of me in managing risk.",
			"conclusion":  "A session that stops early can still be a success if it is safe and informs the plan. I should include a postural blood pressure check before every first mobilisation.",
			"action_plan": "I will add postural blood pressure to my first mobilisation checklist. I will review her again the next day with the nursing team, and I will present the case at our department’s in-service training.",
		},
		NMC: map[string]string{
			"what_happened":    "As a physiotherapist I carried out a first mobilisation session with an older woman the day after hip fracture surgery. She developed symptomatic postural hypotension after a few steps, and I stopped the session safely and informed the nursing and medical team.",
			"what_learned":     "I learned the evidence for early mobilisation after hip fracture and the common causes of dizziness on first standing. I also learned how much a session benefits from planning with the nursing team.",
			"practice_changed": "I now check lying and standing blood pressure before first mobilisation and plan the timing of analgesia with nurses. I always have a chair and a second person ready.",
			"code_link":        "As a physiotherapist this relates to the HCPC standards of conduct, performance and ethics: managing risk (standard 6) and communicating effectively with colleagues (standard 2). My clear record of the session also reflects standard 10 on keeping records of my work.",
		},
	},
	{
		Title:   "Supporting an anxious parent with home gastrostomy feeding",
		Domains: []string{"Person-centred care", "Communication and relationships"},
		Gibbs: map[string]string{
			"description": "With the children’s community team I visited a family whose four-year-old had recently started gastrostomy feeding at home. Her mother was very anxious, had barely slept and told me she was frightened of ‘doing it wrong’ and of the tube coming out. She had phoned the team three times that week. I sat with her, watched her give a feed and went through what to do if the tube came out.",
			"feelings":    "I wanted to reassure her quickly, but I knew false reassurance would not help. I was a little anxious myself, because it was one of my first visits on my own. By the end I felt we had built some trust.",
			"evaluation":  "Watching her give the feed showed me she was very competent, and I could tell her specifically what she was doing well. We wrote a simple plan for a dislodged tube, including the replacement kit and who to call out of hours. I did not ask how she was coping more generally, and only learned at the next visit that her partner was working away and she had no support at home.",
			"analysis":    "Family-centred care sees parents as partners and experts in their own child, and our team’s standards ask us to assess the needs of the whole family. Anxiety often grows from uncertainty, so concrete plans help. A more holistic assessment would have included the family’s support network and the mother’s own wellbeing.",
			"conclusion":  "Anxious parents need honest, specific feedback and a plan, not just reassurance. I should always ask about the wider family and how the parent is coping.",
			"action_plan": "I will include parental wellbeing and support in every new-family assessment. With consent, I will signpost to the local parent carer forum and consider an early help referral where needed. I will ask my preceptor to observe a visit and give feedback on my communication.",
		},
		NMC: map[string]string{
			"what_happened":    "With the children’s community team I visited the anxious mother of a young child who had recently gone home with gastrostomy feeding. I watched her give a feed and made a written plan with her for common problems.",
			"what_learned":     "I learned the value of observing parents’ skills and giving specific positive feedback. I also learned that clear written plans for problems such as a dislodged tube reduce anxiety more than general reassurance.",
			"practice_changed": "I now ask about parental wellbeing and support at every new-family visit. I leave a written plan for common problems, including out-of-hours contacts.",
			"code_link":        "This relates to ‘prioritise people’: listening and responding to concerns (Code 2) and making sure physical, social and psychological needs are assessed (Code 3). It also relates to ‘practise effectively’ through clear communication (Code 7).",
		},
	},
	{
		Title:   "Working with a professional interpreter at admission",
		Domains: []string{"Communication and relationships", "Person-centred care"},
		Gibbs: map[string]string{
			"description": "I admitted a woman in her fifties who speaks Tigrinya and very little English to the surgical assessment unit. Her teenage son offered to interpret, and at first it seemed easier to accept. Because I needed to ask about pain, continence and her gynaecological history, I booked a professional telephone interpreter through the Trust’s language service instead. The assessment took longer, but she was able to describe her symptoms and ask her own questions.",
			"feelings":    "I felt under time pressure and worried the family would think I was being unhelpful by declining the son’s offer. I felt awkward speaking through a speakerphone and was not sure where to look. By the end I was sure it was the right decision, because she told me things she might not have said in front of her son.",
			"evaluation":  "The professional interpreter meant the information was accurate and confidential, and she described symptoms that changed the plan. I spoke directly to her rather than to the interpreter and used short sentences. I had not confirmed her language and dialect before booking, so the first interpreter could not help and I had to rebook.",
			"analysis":    "NHS England’s guidance on interpreting says that family members, and especially children, should not normally interpret in clinical conversations. The Equality Act 2010 and the Accessible Information Standard support people’s right to information they can understand. Asking a young person to interpret can also place an unfair burden on them and may hide safeguarding concerns.",
			"conclusion":  "A professional interpreter is part of a safe assessment, not an optional extra. Planning the conversation and confirming language and dialect in advance would have saved time.",
			"action_plan": "I will record each person’s preferred language and interpreting needs in the electronic record at admission. I will use video interpreting, where available, for longer conversations. I will share what I learned at the next ward teaching session so colleagues know how to book quickly.",
		},
		NMC: map[string]string{
			"what_happened":    "I admitted a woman who speaks Tigrinya and very little English to the surgical assessment unit. Rather than accept her teenage son’s offer to interpret, I booked a professional telephone interpreter.",
			"what_learned":     "I learned the national guidance on interpreting and how to book the Trust’s language service. I also learned how to communicate well through an interpreter by speaking directly to the person in short sentences.",
			"practice_changed": "I record language and dialect needs at admission and book professional interpreters for clinical conversations. I speak directly to the person, not to the interpreter.",
			"code_link":        "This relates to ‘prioritise people’ by treating people as individuals (Code 1) and respecting their privacy and confidentiality (Code 5). It also relates to ‘practise effectively’ by taking reasonable steps to meet people’s language and communication needs (Code 7.2).",
		},
	},
	{
		Title:   "Managing a busy, short-staffed shift as a new registrant",
		Domains: []string{"Leadership, delegation and team working", "Resilience and wellbeing", "Digital practice, documentation and information governance"},
		Gibbs: map[string]string{
			"description": "Three months into my post, a colleague went home sick and we could not find a replacement, leaving me responsible for eight patients across a bay and two side rooms on a respiratory ward. Two patients were on non-invasive ventilation, one was being discharged and a new admission was due from the emergency department. I asked the nurse in charge for help, prioritised the patients on NIV and the time-critical medicines, and agreed with the healthcare assistant what she could take on. I finished two hours late, having handed over everything safely.",
			"feelings":    "At the start I felt panic and a sense that I could not possibly do it all. I felt guilty asking for help because everyone was busy. At the end of the shift I was exhausted and tearful, but I also knew I had kept everyone safe.",
			"evaluation":  "Prioritising by clinical risk worked, and I escalated early enough for the nurse in charge to take the admission. My documentation was not contemporaneous: I wrote most of it at the end, which is why I stayed late. I also did not take a break, which probably affected my decision-making in the afternoon.",
			"analysis":    "Using the ABCDE approach and a simple list ranked by urgency helped me focus. The Trust’s safer staffing escalation process was followed, and a Datix for the staffing shortfall makes the pattern visible. Research on fatigue and missed care shows that skipped breaks and late finishes increase the risk of error, so looking after myself is a safety issue.",
			"conclusion":  "Asking for help early is a sign of safe practice, not weakness. I need to document as I go and protect at least a short break.",
			"action_plan": "I will use a prioritisation sheet and update records after each patient contact. I will take my break even on busy days, or tell the nurse in charge if I can’t. I discussed the shift in clinical supervision and will attend the Trust’s time management session for preceptees.",
		},
		NMC: map[string]string{
			"what_happened":    "When a colleague went home sick, I was responsible for eight patients on a respiratory ward, including two on non-invasive ventilation and a new admission. I prioritised by clinical risk, escalated through the nurse in charge and delegated to the healthcare assistant.",
			"what_learned":     "I learned how to prioritise by clinical risk and when and how to escalate staffing concerns. I also learned how fatigue and missed breaks affect safety.",
			"practice_changed": "I plan my shift with a prioritised list, document as I go and ask for help earlier. I report staffing shortfalls so that they can be addressed.",
			"code_link":        "This relates to ‘preserve safety’: acting without delay when there is a risk to safety (Code 16) and working within the limits of my competence (Code 13). It also relates to ‘practise effectively’ by keeping clear, contemporaneous records (Code 10).",
		},
	},
	{
		Title:   "Supporting a student nurse as a practice supervisor",
		Domains: []string{"Leadership, delegation and team working", "Reflection, learning and professional development"},
		Gibbs: map[string]string{
			"description": "I was asked to be practice supervisor for a second-year student nurse during her four-week placement on our ward, with my preceptor as her practice assessor. On the first day I found it hard to fit her learning into a busy shift. By the second week we had agreed a plan: she would care for two patients under my supervision, and I would talk through my clinical reasoning on each medicines round. I also gave her feedback on a discharge she coordinated.",
			"feelings":    "I felt a bit of an impostor because I was only recently qualified myself, and I worried I would not know the answers to her questions. As the weeks went on I enjoyed it, and explaining my reasoning made me more confident in it.",
			"evaluation":  "Setting clear learning goals in the first week and giving regular, specific feedback worked well, and she said it was one of her best placements. I found it hard to give constructive feedback about her incomplete documentation and put it off for a few days. Having an experienced practice assessor to talk to was very helpful.",
			"analysis":    "The NMC Standards for student supervision and assessment separate the practice supervisor and practice assessor roles, so that new registrants can supervise with support. Having recently been a student helped me remember what was useful. A ‘feedback sandwich’ can dilute the message, and a clear, behaviour-focused approach would have helped her more.",
			"conclusion":  "Supervising a student consolidates my own learning, and being recently qualified is an asset. I need to give constructive feedback promptly and specifically.",
			"action_plan": "I will complete the practice supervisor preparation e-learning and attend the practice education facilitator’s workshop on feedback. I will ask the next student I supervise for feedback on my supervision and include it in my revalidation portfolio.",
		},
		NMC: map[string]string{
			"what_happened":    "I acted as practice supervisor for a second-year student nurse during a four-week placement, with my preceptor as her practice assessor. I planned her learning around a busy ward and gave her regular feedback.",
			"what_learned":     "I learned the roles set out in the NMC Standards for student supervision and assessment. I also learned how to structure a student’s learning on a busy ward and how to give constructive feedback.",
			"practice_changed": "I agree learning goals in the first week and talk through my clinical reasoning as I work. I give specific feedback promptly, including when something needs to improve.",
			"code_link":        "This relates to ‘practise effectively’ by sharing skills, knowledge and experience and supporting students’ learning (Code 9). It also relates to ‘promote professionalism and trust’ by providing leadership (Code 25).",
		},
	},
	{
		Title:   "Escalating concerns about fetal wellbeing in labour (midwifery)",
		Domains: []string{"Delivering safe and effective care", "Communication and relationships"},
		Gibbs: map[string]string{
			"description": "As a newly qualified midwife on the delivery suite, I was caring for a woman in established labour with continuous CTG monitoring because of meconium-stained liquor. At the hourly ‘fresh eyes’ review with a colleague, I noticed that the baseline fetal heart rate had risen and that there were recurrent decelerations with concerning features. I assessed the trace against the Trust’s fetal monitoring guideline and escalated to the coordinating midwife and the obstetric registrar using SBAR. She had an assisted birth shortly afterwards; the baby needed brief support at birth and then did well.",
			"feelings":    "I felt a rush of adrenaline and doubted myself, because the trace had been reassuring an hour earlier. I was aware of how frightened the woman and her partner were when the room filled with people. After the birth I felt shaky and needed to talk it through.",
			"evaluation":  "The fresh eyes process worked as intended, and my escalation was prompt and clear. I kept the woman and her partner informed as best I could. However, my record of the timeline was incomplete during the emergency and I had to complete it afterwards, clearly marked as retrospective.",
			"analysis":    "NICE guideline NG229 on fetal monitoring in labour and the Saving Babies’ Lives care bundle emphasise assessing the whole clinical picture, systematic hourly review and clear escalation. The human factors teaching in our PROMPT training shows that structured communication reduces delay. A rising baseline together with meconium should raise the level of concern even before decelerations become pathological.",
			"conclusion":  "I learned to look at the whole clinical picture, not just the trace. I also learned that someone should be asked to scribe in an emergency so that the midwife caring for the woman can focus on her.",
			"action_plan": "I will attend the next fetal monitoring update and complete my annual competency assessment. I will ask for a scribe early in any emergency. I will take part in the birth reflections debrief and revisit this case with my preceptor.",
		},
		NMC: map[string]string{
			"what_happened":    "As a newly qualified midwife I identified concerning features on a CTG at a fresh eyes review during labour. I escalated to the coordinating midwife and obstetric registrar using SBAR, and the baby was born shortly afterwards by assisted birth.",
			"what_learned":     "I learned to interpret the CTG in the context of the whole clinical picture, including meconium and a rising baseline. I also learned how important a scribe is in an emergency.",
			"practice_changed": "I review risk factors at every hourly CTG review and escalate using SBAR. I ask for a scribe as soon as an emergency is called.",
			"code_link":        "This relates to ‘preserve safety’ by acting without delay when there is a risk to safety (Code 16). It also relates to ‘practise effectively’ by practising in line with the best available evidence (Code 6) and keeping clear records (Code 10).",
		},
	},
	{
		Title:   "Leading an access visit before discharge after a stroke (occupational therapy)",
		Domains: []string{"Delivering safe and effective care", "Person-centred care"},
		Gibbs: map[string]string{
			"description": "As a newly qualified occupational therapist on a stroke rehabilitation ward, I led an access visit to a man’s home before his discharge, after a stroke had weakened his left side. With his wife present we assessed the bathroom, stairs and kitchen. Making his own breakfast mattered a great deal to him, so we practised this in his kitchen. I recommended a perching stool, a second stair rail and a strip wash at the sink until a level-access shower could be considered, and referred to the local authority for a major adaptations assessment.",
			"feelings":    "I felt responsible for recommendations that would affect how he lived at home, and anxious about leading the visit without my senior. I felt moved when he made a cup of tea safely in his own kitchen.",
			"evaluation":  "Focusing on what mattered to him gave the visit a purpose, and his wife said it was the first time anyone had asked what a normal day looked like for them. My risk assessment of the stairs was thorough. I forgot to measure the toilet height and had to phone afterwards, and without the equipment catalogue we could not choose a toilet frame there and then.",
			"analysis":    "The Model of Human Occupation helped me think about his motivation, habits and roles, not just his physical ability. Royal College of Occupational Therapists guidance on home visits emphasises preparation and clear risk assessment. NICE stroke rehabilitation guidance supports goals that are meaningful to the person.",
			"conclusion":  "A home visit is about the person’s routines as much as the environment. Better preparation would have made the visit more efficient.",
			"action_plan": "I will use a pre-visit checklist that lists the measurements and equipment information I need. I will write my report within 24 hours and share it with the community therapy team. I will discuss the visit in supervision with my senior occupational therapist.",
		},
		NMC: map[string]string{
			"what_happened":    "As an occupational therapist I led an access visit with a man recovering from a stroke and his wife before his discharge. I assessed his home and his daily routines and made recommendations for equipment and adaptations.",
			"what_learned":     "I learned how to structure a home visit around the person’s valued routines using the Model of Human Occupation. I also learned which practical details, such as measurements, need preparing in advance.",
			"practice_changed": "I use a pre-visit checklist and ask people to describe a typical day. I write my report within 24 hours and share it with the community team.",
			"code_link":        "As an occupational therapist this relates to the HCPC standards of conduct, performance and ethics: promoting and protecting the interests of service users and carers (standard 1) and managing risk (standard 6). Writing my report promptly also reflects standard 10 on keeping records of my work.",
		},
	},
	{
		Title:   "Speaking up about unsafe moving and handling",
		Domains: []string{"Safeguarding and raising concerns", "Accountability and professional practice"},
		Gibbs: map[string]string{
			"description": "On a night shift on a community inpatient unit, I saw two colleagues use a drag lift to move a patient up the bed because the slide sheets were all in the laundry. The patient cried out in pain. I said at the time that we should stop and find a slide sheet, and we borrowed one from the next ward. Because it seemed to be common practice, I spoke to the ward manager the next day, and when nothing had changed after two weeks I contacted the Freedom to Speak Up Guardian for advice.",
			"feelings":    "I felt nervous challenging colleagues who had been very kind to me, and I worried about being seen as a troublemaker. I was upset for the patient. Talking to the Guardian made me feel much less alone.",
			"evaluation":  "Speaking up at the time stopped the immediate harm. The ward manager was supportive in principle, but the slide sheet shortage continued. The Guardian helped me understand my options, the matron arranged extra slide sheets and a moving and handling refresher for the team, and nobody was blamed. I could have completed a Datix at the time, which would have created a record sooner.",
			"analysis":    "The NMC’s guidance on raising concerns and the Trust’s Freedom to Speak Up policy expect staff to raise concerns early and protect them when they do. Drag lifts are recognised as unsafe because they cause skin damage and shoulder injuries for patients and staff. The problem was about equipment and culture rather than individuals, which made it easier to raise constructively.",
			"conclusion":  "Speaking up is part of my professional duty, and there are several routes for doing it. Framing the concern around patient safety and systems helped colleagues hear it without feeling blamed.",
			"action_plan": "I will report unsafe practice through Datix as well as to my manager. I will encourage colleagues to use the Freedom to Speak Up route when local routes do not work. I have volunteered to be the unit’s moving and handling link.",
		},
		NMC: map[string]string{
			"what_happened":    "I saw colleagues use an unsafe drag lift that caused a patient pain, and I challenged it at the time. When the underlying problem with equipment continued, I raised my concern with the ward manager and then the Freedom to Speak Up Guardian.",
			"what_learned":     "I learned the Trust’s routes for raising concerns and the protection available to staff who speak up. I also learned to frame a concern around patient safety and systems rather than individuals.",
			"practice_changed": "I speak up at the time, report through Datix and escalate further when a problem persists. I encourage colleagues to do the same.",
			"code_link":        "This relates to ‘preserve safety’ by acting without delay when there is a risk to patient safety (Code 16). It also relates to ‘promote professionalism and trust’ by upholding the reputation of my profession (Code 20).",
		},
	},
}

var learnings = []Learning{
	{
		Title:       "Sepsis recognition and NEWS2 study day",
		Provider:    "Trust clinical education team",
		Hours:       7.5,
		Learning:    "I revisited the NEWS2 scoring and escalation thresholds and the importance of a single parameter scoring 3. We worked through case studies on recognising sepsis early and delivering the sepsis six within the first hour. The session also covered how confusion, reduced urine output and soft signs such as a relative saying ‘he’s not himself’ should prompt a closer look.",
		Application: "I now complete the sepsis screening tool whenever NEWS2 is 5 or more or infection is suspected, and I escalate using SBAR. I have shared the ‘soft signs’ prompts with the healthcare assistants on my shifts.",
		Domains:     []string{"Delivering safe and effective care"},
	},
	{
		Title:       "Immediate Life Support course",
		Provider:    "Trust resuscitation team (Resuscitation Council UK course)",
		Hours:       7.5,
		Learning:    "The course covered the ABCDE approach, recognition and prevention of cardiac arrest, defibrillation and airway management with adjuncts. Simulated scenarios let me practise leading the first minutes of an arrest until the team arrives. I learned the value of clear closed-loop communication and of stating out loud what I am doing.",
		Application: "I check the resuscitation trolley confidently on my shifts and know where the equipment is. During a recent peri-arrest call I used the ABCDE approach and handed over to the team with SBAR.",
		Domains:     []string{"Delivering safe and effective care"},
	},
	{
		Title:       "Intravenous therapy and drug calculations workshop",
		Provider:    "Trust IV therapy team",
		Hours:       6,
		Learning:    "I learned the Trust’s standards for preparing and administering IV medicines, including reconstitution, displacement values and compatibility. We practised calculations for infusions and recognised the signs of phlebitis and extravasation using the VIP score. The workshop explained how the supervised practice and final assessment work.",
		Application: "I have started my supervised IV administrations, with my preceptor signing each one. I now check the VIP score and the cannula care plan at every medicines round.",
		Domains:     []string{"Medicines management", "Infection prevention and control"},
	},
	{
		Title:       "Safeguarding adults level 3",
		Provider:    "Trust safeguarding team",
		Hours:       7,
		Learning:    "The day covered the Care Act 2014, types and indicators of abuse, and Making Safeguarding Personal. We practised writing referrals that are factual and concise, and looked at case reviews where professional curiosity could have changed the outcome. I also learned how domestic abuse, self-neglect and exploitation present in adults.",
		Application: "I now ask people what they would like to happen before making a referral, where it is safe to do so. My last referral was returned with no questions from the local authority because it was clear and complete.",
		Domains:     []string{"Safeguarding and raising concerns"},
	},
	{
		Title:       "Oliver McGowan mandatory training, tier 2",
		Provider:    "Trust learning disability team with experts by experience",
		Hours:       7.5,
		Learning:    "Delivered by trainers with lived experience, the session helped me understand how autistic people and people with a learning disability experience health services. We discussed diagnostic overshadowing, reasonable adjustments and the findings of the LeDeR programme. Hearing first-hand about sensory overload on busy wards changed how I think about our environment.",
		Application: "I now ask about communication and sensory needs at admission and use the hospital passport. I have suggested a quieter side room and flexible visiting as standard adjustments on our ward.",
		Domains:     []string{"Person-centred care"},
	},
	{
		Title:       "Mental Capacity Act in practice workshop",
		Provider:    "Trust Mental Capacity Act lead",
		Hours:       3.5,
		Learning:    "I learned how to apply the five principles of the Mental Capacity Act and carry out and record a decision-specific capacity assessment. We practised the functional test with case studies and discussed best-interests decisions and when deprivation of liberty safeguards apply.",
		Application: "I have completed two capacity assessments on the Trust form with my preceptor’s support. I now record what steps I took to help the person make the decision themselves.",
		Domains:     []string{"Person-centred care", "Safeguarding and raising concerns"},
	},
	{
		Title:       "Aseptic non-touch technique competency",
		Provider:    "Trust infection prevention and control team",
		Hours:       2,
		Learning:    "The session explained the difference between standard and surgical ANTT, key parts and key sites, and how to protect them using a general or critical aseptic field. I was assessed on a wound dressing and on accessing a peripheral cannula.",
		Application: "I use a general aseptic field for all cannula access and plan my dressings so that key parts are never touched. I have started prompting colleagues to clean trays before use.",
		Domains:     []string{"Infection prevention and control"},
	},
	{
		Title:       "Pressure ulcer prevention and tissue viability update",
		Provider:    "Trust tissue viability service",
		Hours:       3.5,
		Learning:    "I learned to use the PURPOSE-T risk assessment, which the Trust is adopting in place of Waterlow, and to categorise pressure damage correctly. The session covered the SSKIN bundle, moisture-associated skin damage and when to refer to tissue viability. We also looked at how pressure ulcers are reviewed through the incident framework.",
		Application: "I complete skin assessments within six hours of admission and update the care plan when risk changes. I now photograph and measure any pressure damage and refer to tissue viability the same day.",
		Domains:     []string{"Delivering safe and effective care", "Quality improvement and evidence-based practice"},
	},
	{
		Title:       "De-escalation and reducing restrictive practice",
		Provider:    "Trust positive and safe care team",
		Hours:       15,
		Learning:    "The two-day course covered the causes of distress and aggression, verbal and non-verbal de-escalation, and the legal framework for the use of force. We practised breakaway techniques and discussed how Safewards interventions reduce conflict. The emphasis throughout was on the least restrictive option and on debriefing after any incident.",
		Application: "I now look at each person’s safety and support plan for early warning signs and what helps. I have used talk-down techniques successfully on the ward and take part in post-incident debriefs.",
		Domains:     []string{"Person-centred care", "Communication and relationships"},
	},
	{
		Title:       "Getting the most from clinical supervision",
		Provider:    "Trust practice education team",
		Hours:       3,
		Learning:    "I learned the purpose of clinical supervision and Proctor’s model of its normative, formative and restorative functions. We discussed how to prepare for a session, agree a contract and use reflective models. I also learned the difference between clinical supervision and line management.",
		Application: "I have agreed a supervision contract with a supervisor from outside my team and bring a written reflection to each session. This has helped me use the time for learning rather than simply offloading.",
		Domains:     []string{"Reflection, learning and professional development"},
	},
	{
		Title:       "Quality improvement fundamentals",
		Provider:    "Trust quality improvement team",
		Hours:       6,
		Learning:    "I learned the Model for Improvement, how to write an aim statement and how to test changes using PDSA cycles. We practised creating driver diagrams and run charts, and heard from staff who had led small projects on their wards.",
		Application: "I have started a small project to improve the completion of lying and standing blood pressure on our ward, with a clear aim and weekly data. My first PDSA cycle tested a prompt on the admission checklist.",
		Domains:     []string{"Quality improvement and evidence-based practice"},
	},
	{
		Title:       "Practice supervisor preparation",
		Provider:    "Practice education facilitators with the partner university",
		Hours:       4,
		Learning:    "The session explained the NMC Standards for student supervision and assessment and the roles of practice supervisor, practice assessor and academic assessor. We practised giving constructive feedback and discussed how to support a student who is struggling.",
		Application: "I supervised a student nurse for the first time and used the practice assessment document correctly. I now give feedback at the end of each shift rather than saving it for the midpoint review.",
		Domains:     []string{"Leadership, delegation and team working", "Reflection, learning and professional development"},
	},
	{
		Title:       "Sage and Thyme communication workshop",
		Provider:    "Trust specialist palliative care team",
		Hours:       3,
		Learning:    "The workshop taught a simple structure for responding to people who are worried or distressed, starting by noticing and acknowledging their concern. I learned not to rush to solve problems and to ask what the person thinks would help. Practising with actors made the approach feel natural.",
		Application: "I have used the structure with relatives who were worried about a loved one’s condition, and the conversations felt calmer and more honest. I now ask ‘who is there to support you?’ before ending a difficult conversation.",
		Domains:     []string{"Communication and relationships", "Person-centred care"},
	},
	{
		Title:       "Electronic patient record and e-prescribing training",
		Provider:    "Trust digital clinical systems team",
		Hours:       3,
		Learning:    "I learned how to record observations, care plans and risk assessments in the electronic record, and how to use the e-prescribing system for administration and omitted doses. The session covered smartcard use, access rights and what counts as legitimate access to a record.",
		Application: "I document care at the point of care using the mobile devices and lock the screen whenever I step away. I have shown two new healthcare assistants how to record fluid balance correctly.",
		Domains:     []string{"Digital practice, documentation and information governance"},
	},
	{
		Title:       "Restorative clinical supervision with a Professional Nurse Advocate",
		Provider:    "Trust Professional Nurse Advocate service",
		Hours:       1.5,
		Learning:    "The group session introduced the A-EQUIP model and gave us space to talk about the emotional demands of the first months in practice. I learned practical techniques for noticing stress early and was reminded that it is normal to find the transition hard.",
		Application: "I now use a short ‘going home’ checklist at the end of each shift to leave work at work. I have booked a one-to-one session with a Professional Nurse Advocate for after my next run of nights.",
		Domains:     []string{"Resilience and wellbeing"},
	},
	{
		Title:       "Revalidation and reflective writing session",
		Provider:    "Trust preceptorship lead",
		Hours:       2,
		Learning:    "I learned what NMC revalidation involves, including practice hours, CPD, practice-related feedback, reflective accounts and the reflective discussion. We practised writing a reflective account against the four themes of the Code.",
		Application: "I have started a revalidation folder alongside my preceptorship portfolio and write one reflective account each month. I log feedback from patients and colleagues as I receive it.",
		Domains:     []string{"Reflection, learning and professional development", "Accountability and professional practice"},
	},
	{
		Title:       "Safe use of insulin and diabetes emergencies",
		Provider:    "Trust diabetes specialist nursing team",
		Hours:       3,
		Learning:    "The session covered types of insulin, safe prescribing and administration, and the management of hypoglycaemia and diabetic ketoacidosis. I learned why insulin is a time-critical medicine and why the word ‘units’ must never be abbreviated.",
		Application: "I now check blood glucose and meal times before giving insulin and follow the hypoglycaemia protocol confidently. I support people who self-administer insulin to continue doing so in hospital where it is safe.",
		Domains:     []string{"Medicines management"},
	},
	{
		Title:       "Fetal monitoring update",
		Provider:    "Trust maternity education team",
		Hours:       7,
		Learning:    "The day covered intermittent auscultation, CTG interpretation in the context of the whole clinical picture, and escalation using the Trust’s fetal monitoring guideline. We reviewed case studies from incident investigations and practised fresh eyes reviews.",
		Application: "I apply a systematic approach at every hourly review and document my assessment clearly. I escalate concerns with SBAR and ask for a second opinion whenever I am unsure.",
		Domains:     []string{"Delivering safe and effective care"},
	},
	{
		Title:       "Mental Health Act and patients’ rights",
		Provider:    "Trust Mental Health Act office",
		Hours:       2,
		Learning:    "I learned the main sections of the Mental Health Act used on our wards, how to explain section 132 rights and when to repeat them, and the role of independent mental health advocates and tribunals. We also discussed the Code of Practice’s guiding principles.",
		Application: "I now explain rights using the easy-read leaflets and record the explanation and the person’s understanding. I remind people of their right to an advocate and make the referral if they want one.",
		Domains:     []string{"Safeguarding and raising concerns", "Person-centred care"},
	},
}

var testimonies = []Testimony{
	{
		WitnessRole: "Ward Sister",
		Context:     "I was nurse in charge on a late shift on the acute medical ward when one of the preceptee’s patients deteriorated.",
		Statement:   "The preceptee recognised a rising NEWS2 score and new confusion, escalated to me straight away and made a clear SBAR call to the medical team. While waiting they repeated observations, started a fluid balance chart and kept the patient’s wife informed. Their documentation was thorough and timed. This is exactly the response we expect from an experienced nurse, and I was impressed by how calmly it was handled.",
		Domains:     []string{"Delivering safe and effective care", "Communication and relationships"},
	},
	{
		WitnessRole: "Healthcare Assistant",
		Context:     "I have worked alongside the preceptee on several early shifts in our bay over the last two months.",
		Statement:   "At the start of each shift the preceptee goes through the patients with me and agrees who is doing what and when to report back. They always explain why something needs doing and thank me at the end of the shift. When I raised that a patient’s pressure areas were red, they came straight away and updated the care plan. I feel like my observations are listened to.",
		Domains:     []string{"Leadership, delegation and team working"},
	},
	{
		WitnessRole: "Clinical Pharmacist",
		Context:     "I observed the preceptee during a morning medicines round and at two discharges on the surgical ward.",
		Statement:   "The preceptee prioritised time-critical medicines, checked identity and allergies every time and was not afraid to hold a dose and ask me when a prescription was unclear. At discharge they explained the new anticoagulant to the patient in plain language and checked understanding by asking the patient to explain it back. They have a safe, questioning approach to medicines.",
		Domains:     []string{"Medicines management"},
	},
	{
		WitnessRole: "Senior Physiotherapist",
		Context:     "I supervised the preceptee’s caseload on the orthopaedic ward for six weeks and observed several treatment sessions.",
		Statement:   "The preceptee carries out thorough pre-treatment checks and adapts sessions to the patient’s pain and fatigue. I saw them stop a mobilisation session when a patient became symptomatic, manage it calmly and hand over clearly to the nursing team. Their notes are concise and reflect their clinical reasoning. They are developing well as an autonomous practitioner.",
		Domains:     []string{"Delivering safe and effective care", "Person-centred care"},
	},
	{
		WitnessRole: "District Nursing Team Leader",
		Context:     "The preceptee has been managing a small caseload in our team, and I joined them on two home visits.",
		Statement:   "The preceptee plans their day sensibly, prioritising insulin visits and end-of-life care, and phones the base if they are running late. On visits they are respectful of people’s homes and routines and maintain good infection control in difficult environments. They recognised a deteriorating wound and escalated appropriately. I would be happy for them to take on a larger caseload.",
		Domains:     []string{"Leadership, delegation and team working", "Infection prevention and control"},
	},
	{
		WitnessRole: "Specialist Nurse, Infection Prevention and Control",
		Context:     "The preceptee joined me for the ward’s monthly hand hygiene and commode cleanliness audits.",
		Statement:   "The preceptee carried out observations accurately and gave feedback to colleagues tactfully at the time. They suggested moving a hand gel dispenser to the bay entrance, which improved compliance the following month. They asked good questions about the evidence behind our precautions and are showing the qualities of a future link practitioner.",
		Domains:     []string{"Infection prevention and control", "Quality improvement and evidence-based practice"},
	},
	{
		WitnessRole: "Safeguarding Adults Practitioner",
		Context:     "I received and reviewed a safeguarding referral made by the preceptee, and supported them with the follow-up.",
		Statement:   "The referral was factual, timely and recorded the person’s own words and wishes. The preceptee had sought advice before referring and had discussed the concern with the person where it was safe to do so. They attended the follow-up meeting and contributed clearly. This is a good example of Making Safeguarding Personal in practice.",
		Domains:     []string{"Safeguarding and raising concerns", "Digital practice, documentation and information governance"},
	},
	{
		WitnessRole: "Learning Disability Liaison Nurse",
		Context:     "I worked with the preceptee to support a man with a learning disability and autism during an acute admission.",
		Statement:   "The preceptee contacted our team early and had already read the person’s hospital passport. They took part in the capacity assessment thoughtfully and made simple but important adjustments, such as a quieter bed space and pictures to explain procedures. The person and his support worker said it was the best hospital stay he had had.",
		Domains:     []string{"Person-centred care"},
	},
	{
		WitnessRole: "Charge Nurse",
		Context:     "I have worked with the preceptee on a number of shifts on the adult acute mental health ward.",
		Statement:   "The preceptee has a calm, respectful manner and builds therapeutic relationships quickly. I observed them de-escalate a distressed patient using talk-down techniques, avoiding the need for any restrictive intervention. They took part in the debrief afterwards and reflected honestly on what could have been done differently. They always explain people’s rights under the Mental Health Act clearly.",
		Domains:     []string{"Person-centred care", "Communication and relationships"},
	},
	{
		WitnessRole: "Practice Education Facilitator",
		Context:     "I supported the preceptee in their first experience as a practice supervisor for a student nurse.",
		Statement:   "The preceptee agreed clear learning goals with the student and gave regular, specific feedback. The student’s evaluation of the placement was very positive and mentioned how approachable the preceptee was. The preceptee asked for advice about giving constructive feedback and acted on it. They are well on the way to becoming a confident practice supervisor.",
		Domains:     []string{"Leadership, delegation and team working", "Reflection, learning and professional development"},
	},
	{
		WitnessRole: "Specialist Palliative Care Nurse",
		Context:     "I supported the preceptee when caring for a patient at the end of life on the older adults’ ward.",
		Statement:   "The preceptee recognised that the patient was dying and asked for our review promptly. They made sure anticipatory medicines were prescribed and communicated sensitively with the family, who told me they felt well looked after. Afterwards they asked to talk through how they were feeling, which shows good self-awareness.",
		Domains:     []string{"Person-centred care", "Resilience and wellbeing"},
	},
	{
		WitnessRole: "Discharge Coordinator",
		Context:     "I worked with the preceptee on several discharges from the ward, including one needing a new package of care.",
		Statement:   "The preceptee starts thinking about discharge early and always has the information I need at the board round. They liaise well with social care, therapists and families and are not afraid to hold a discharge if something essential is missing. Their discharge documentation is complete and the handover to community teams is clear.",
		Domains:     []string{"Delivering safe and effective care", "Communication and relationships"},
	},
	{
		WitnessRole: "Coordinating Midwife",
		Context:     "I was coordinating the delivery suite when the preceptee escalated concerns about a CTG.",
		Statement:   "The preceptee identified concerning features at a fresh eyes review and escalated to me and the registrar promptly using SBAR. They stayed focused on the woman and her partner during a busy emergency and explained what was happening. They asked for a debrief afterwards and reflected well on their documentation. I have every confidence in their judgement.",
		Domains:     []string{"Delivering safe and effective care", "Communication and relationships"},
	},
	{
		WitnessRole: "Matron",
		Context:     "The preceptee presented their quality improvement project at our divisional governance meeting.",
		Statement:   "The preceptee presented a small improvement project on lying and standing blood pressure recording with clear aims, run charts and honest reflections on what had not worked. The presentation was confident and well pitched. Two other wards have since asked to adopt the admission prompt they tested.",
		Domains:     []string{"Quality improvement and evidence-based practice", "Reflection, learning and professional development"},
	},
	{
		WitnessRole: "Student Nurse",
		Context:     "The preceptee was my practice supervisor during a four-week placement.",
		Statement:   "The preceptee made time to explain their decisions even when the ward was busy, and let me take responsibility for two patients with support. Their feedback was honest and helped me improve my documentation. I felt included in the team from the first day.",
		Domains:     []string{"Leadership, delegation and team working"},
	},
	{
		WitnessRole: "Senior Occupational Therapist",
		Context:     "I observed the preceptee’s first access visit and reviewed their report.",
		Statement:   "The preceptee prepared well, involved the patient and his wife throughout and kept the focus on the activities that mattered to him. Their risk assessment was thorough and their recommendations were proportionate. The report was written within a day and shared with the community team. They identified for themselves what they would prepare differently next time.",
		Domains:     []string{"Person-centred care", "Delivering safe and effective care"},
	},
	{
		WitnessRole: "Clinical Systems Trainer",
		Context:     "The preceptee volunteered as a digital champion during the roll-out of electronic observations on their ward.",
		Statement:   "The preceptee learned the new system quickly and supported colleagues on every shift during the first fortnight of go-live. They logged problems clearly and suggested a change to the observation screen that we have passed to the supplier. Their own documentation in the system is timely and accurate.",
		Domains:     []string{"Digital practice, documentation and information governance"},
	},
}

var feedbacks = []Feedback{
	{
		Context:  "A thank-you card from the family of a patient who died on the older adults’ ward.",
		Feedback: "Thank you for the kindness you showed our mum and all of us in her last days. You explained what was happening without rushing us, and you made sure she was comfortable and never alone. We will always remember the cup of tea at four in the morning.",
		Response: "I was very moved by this card and shared it with the team who cared for her. It reminded me that small things, like explaining changes and making time for families, matter as much as clinical care. I will keep using plain, honest explanations with families at the end of life.",
		Domains:  []string{"Person-centred care", "Communication and relationships"},
	},
	{
		Context:  "A man in his sixties visited at home by the district nursing team for leg ulcer care, speaking at the end of a visit.",
		Feedback: "You’re the first one who’s explained why my leg isn’t healing. I didn’t know the bandages could help or that my sugar levels made a difference. I feel like I know what I’m doing now.",
		Response: "This showed me how valuable it is to explain the reasons behind treatment, not just carry it out. I now use a short leaflet on compression and diabetes during wound care visits and check understanding by asking people to tell me the plan in their own words.",
		Domains:  []string{"Person-centred care", "Delivering safe and effective care"},
	},
	{
		Context:  "The parent of a young child on the children’s community team caseload, at a review visit.",
		Feedback: "I was terrified when we first came home with the tube. You watched me and told me I was doing it right, and the written plan is stuck on our fridge. I haven’t needed to ring as much because I know what to do.",
		Response: "I was pleased that watching and giving specific feedback had built her confidence. I have since made a template for written plans that the team can adapt for other families.",
		Domains:  []string{"Person-centred care", "Communication and relationships"},
	},
	{
		Context:  "A young person on the adult acute mental health ward, shared through the ward’s ‘you said, we did’ feedback board.",
		Feedback: "The new nurse actually sat down and talked to me when I was kicking off instead of calling loads of staff. It made me feel like a person, not a problem.",
		Response: "This reinforced what I learned about de-escalation and the importance of therapeutic relationships. I shared the feedback at the team’s reflective practice group, and we discussed how we can give difficult news in a calmer way.",
		Domains:  []string{"Person-centred care", "Communication and relationships"},
	},
	{
		Context:  "A Friends and Family Test comment from a patient after a stay on the surgical ward.",
		Feedback: "The nurse on nights was lovely, but it took a long time for pain relief to come, and I didn’t like to keep pressing the buzzer. Perhaps someone could check more often at night.",
		Response: "I took this seriously, because it was about one of my night shifts. I now ask about pain at every rounding check overnight and offer analgesia before people have to ask. I raised the theme at the ward meeting, and intentional rounding at night now includes a pain score.",
		Domains:  []string{"Person-centred care", "Quality improvement and evidence-based practice"},
	},
	{
		Context:  "A man with a learning disability and his support worker, after a short acute admission.",
		Feedback: "His support worker said: ‘You read his passport and used his pictures. He wasn’t scared this time, and he’s usually very frightened in hospital.’",
		Response: "This confirmed how much difference reasonable adjustments make. I now ask for the hospital passport at admission as a matter of routine and share the key points at handover so the whole team knows what helps.",
		Domains:  []string{"Person-centred care"},
	},
	{
		Context:  "A woman and her partner on the postnatal ward, the day after a long labour and assisted birth.",
		Feedback: "It all happened so fast, but you kept telling us what was going on and you came back afterwards to go through it with us. That made such a difference to how we feel about the birth.",
		Response: "I realised how important it is to revisit a birth with families when it has been frightening. I have started offering a conversation about the birth before discharge and telling families about the birth reflections service.",
		Domains:  []string{"Communication and relationships", "Person-centred care"},
	},
	{
		Context:  "A patient attending outpatient physiotherapy for low back pain, in the end-of-treatment questionnaire.",
		Feedback: "I liked that the exercises fitted around my work and that I was given a plan I could keep going with on my own. I’d have liked the first appointment to be a bit less rushed.",
		Response: "I was glad the self-management plan was useful. I reflected that I had tried to fit too much into the first appointment, so I now prioritise the assessment and one or two key exercises and leave more time for questions.",
		Domains:  []string{"Person-centred care", "Quality improvement and evidence-based practice"},
	},
	{
		Context:  "The son of a patient who had raised a concern about delayed help to the toilet, speaking on the day of his father’s discharge.",
		Feedback: "I was angry that day, but you listened and you came back the next day like you said you would. That’s all I wanted. I’ve noticed the staff coming round more often since.",
		Response: "This showed me that following up on a concern rebuilds trust. I will keep agreeing a time to follow up whenever someone raises a concern, and I will keep reporting delays in care so that changes are made.",
		Domains:  []string{"Communication and relationships", "Accountability and professional practice"},
	},
	{
		Context:  "The wife and main carer of a man with dementia, at the time of his discharge home.",
		Feedback: "You asked me what he’s like at home and what calms him down, and you wrote it in his notes so the night staff knew too. Nobody had asked me that before.",
		Response: "This reminded me that carers are experts in the person they care for. I now use the ‘This is me’ document routinely for people living with dementia and make sure it is visible in the electronic record.",
		Domains:  []string{"Person-centred care", "Digital practice, documentation and information governance"},
	},
	{
		Context:  "A patient who speaks Tigrinya, through a professional interpreter at a follow-up appointment.",
		Feedback: "The interpreter relayed: ‘Thank you for getting an interpreter and not asking my son. I could say what was really wrong, and I understood what the doctors wanted to do.’",
		Response: "This confirmed that booking a professional interpreter was the right decision even when it took longer. I now record language needs at admission and have shared with the team how to book the language service quickly.",
		Domains:  []string{"Communication and relationships", "Person-centred care"},
	},
	{
		Context:  "A patient receiving intravenous antibiotics on the medical ward, given to the ward manager during a patient experience walk-round.",
		Feedback: "The nurses are kind, but nobody explained why my tablets had changed or what the drip was for. I had to ask my daughter to look it up.",
		Response: "This was difficult to hear but fair. I now explain what each new medicine is for when I first give it and check whether people want written information. I have asked the pharmacy team for their patient information leaflets on common antibiotics.",
		Domains:  []string{"Medicines management", "Communication and relationships"},
	},
}

var slotTexts = []SLOTText{
	{
		Domain: "Accountability and professional practice",
		Strengths: []string{
			"I know the NMC Code well from university and refer back to it when I’m unsure what to do.",
			"I am comfortable saying when something is outside my competence and asking for help.",
			"All my mandatory training was completed during my supernumerary weeks.",
			"I have a clear sense of professional boundaries from my previous role as a healthcare assistant.",
		},
		LearningNeeds: []string{
			"Understanding exactly what my role allows me to do as a new registrant, for example around verifying an expected death.",
			"Challenging discriminatory comments from patients or visitors confidently and safely.",
			"Keeping track of training expiry dates so that nothing lapses.",
			"Understanding what revalidation will require of me well before my first renewal.",
		},
		Opportunities: []string{
			"The monthly preceptorship sessions on professional standards and revalidation.",
			"Talking through boundary scenarios with my preceptor at our review meetings.",
			"The Trust’s staff networks and the equality, diversity and inclusion training.",
			"Shadowing the ward manager when training compliance is reviewed.",
		},
		Threats: []string{
			"Pressure to take on tasks before I have been signed off when the ward is short-staffed.",
			"Training sessions being cancelled or clashing with my rota.",
			"Feeling that I should already know things and being reluctant to ask.",
		},
	},
	{
		Domain: "Communication and relationships",
		Strengths: []string{
			"I build rapport quickly with patients and families.",
			"I use SBAR confidently when I hand over on the phone.",
			"I am a good listener and people tell me they feel heard.",
			"I speak a second language, which helps me recognise when someone needs a professional interpreter.",
		},
		LearningNeeds: []string{
			"Holding difficult conversations, especially about end of life or when someone is unhappy with their care.",
			"Staying calm and confident when people are angry or distressed.",
			"Handing over concisely at the bedside without missing important information.",
		},
		Opportunities: []string{
			"The Sage and Thyme communication workshop.",
			"Watching senior colleagues lead family meetings and MDT discussions.",
			"Practising SBAR in the deteriorating patient simulation sessions.",
			"Debriefing with my preceptor after challenging conversations.",
		},
		Threats: []string{
			"Time pressure making conversations feel rushed.",
			"No private space on the ward for sensitive discussions.",
			"My own anxiety about conflict.",
			"Limited access to interpreters out of hours.",
		},
	},
	{
		Domain: "Person-centred care",
		Strengths: []string{
			"I genuinely enjoy getting to know people and what matters to them.",
			"I have experience of caring for people living with dementia from my previous job.",
			"I involve families and carers in planning care.",
		},
		LearningNeeds: []string{
			"Applying the Mental Capacity Act in practice and recording capacity assessments properly.",
			"Making reasonable adjustments for autistic people and people with a learning disability.",
			"Confidence in conversations about dying and in supporting families after a death.",
			"Using Making Every Contact Count conversations without feeling awkward.",
		},
		Opportunities: []string{
			"Oliver McGowan tier 2 training and working alongside the learning disability liaison team.",
			"A shadowing day with the specialist palliative care team.",
			"Taking part in best-interests meetings on the ward.",
			"Using hospital passports and ‘This is me’ documents with the people I care for.",
		},
		Threats: []string{
			"Task-focused routines on busy shifts.",
			"Short admissions that make it hard to get to know people.",
			"Families visiting outside the hours when I can speak with them.",
		},
	},
	{
		Domain: "Delivering safe and effective care",
		Strengths: []string{
			"I recognise early signs of deterioration and escalate using NEWS2 and SBAR.",
			"My life support training is recent and I feel prepared for an emergency.",
			"I complete risk assessments such as falls and PURPOSE-T promptly on admission.",
			"I am organised and methodical in how I assess people.",
		},
		LearningNeeds: []string{
			"Planning complex discharges and knowing who to contact in social care.",
			"Learning new clinical skills such as venepuncture and cannulation.",
			"Prioritising several unwell patients at the same time.",
			"Reporting incidents on Datix and understanding what happens afterwards.",
		},
		Opportunities: []string{
			"Deteriorating patient simulation sessions in the clinical skills suite.",
			"Working alongside the critical care outreach team.",
			"A morning shadowing the discharge coordinator.",
			"Supervised practice after the venepuncture and cannulation course.",
		},
		Threats: []string{
			"High acuity and staffing pressures, especially on late and night shifts.",
			"Few opportunities to practise new skills under supervision.",
			"Fear of getting it wrong making me hesitate before escalating.",
		},
	},
	{
		Domain: "Medicines management",
		Strengths: []string{
			"I am careful and methodical about the rights of medicines administration.",
			"My drug calculation scores at university were consistently high.",
			"I always check allergies and identity before giving medicines.",
		},
		LearningNeeds: []string{
			"Completing the Trust’s IV assessment so I can give IV medicines independently.",
			"Recognising time-critical medicines and acting on omitted doses.",
			"Explaining changes to medicines to people at discharge.",
			"Using the electronic prescribing system quickly and confidently.",
		},
		Opportunities: []string{
			"Discharge counselling alongside the ward pharmacist.",
			"The IV therapy workshop followed by supervised practice.",
			"Medicines safety huddles and learning from incidents.",
			"Observed medicines rounds with my preceptor.",
		},
		Threats: []string{
			"Frequent interruptions during medicines rounds.",
			"Pressure to finish rounds quickly on busy shifts.",
			"Stock shortages and delays in supply from pharmacy.",
		},
	},
	{
		Domain: "Infection prevention and control",
		Strengths: []string{
			"I consistently follow hand hygiene and bare below the elbows.",
			"I am confident putting on and taking off personal protective equipment correctly.",
			"I understand the principles of aseptic non-touch technique from university.",
		},
		LearningNeeds: []string{
			"Managing isolation and transmission-based precautions when side rooms are limited.",
			"Applying ANTT in people’s homes and other non-clinical settings.",
			"Understanding what an infection prevention link practitioner does.",
		},
		Opportunities: []string{
			"ANTT competency assessment with the infection prevention and control team.",
			"Joining the monthly hand hygiene and commode audits.",
			"Attending the IPC link practitioner meetings.",
		},
		Threats: []string{
			"A shortage of side rooms during outbreaks.",
			"Cluttered environments on some home visits.",
			"Time pressure leading to shortcuts by the team.",
		},
	},
	{
		Domain: "Safeguarding and raising concerns",
		Strengths: []string{
			"I know the Trust’s safeguarding procedure and who to contact for advice.",
			"I am willing to speak up when something does not seem right.",
			"I document observations objectively and record people’s own words.",
		},
		LearningNeeds: []string{
			"Writing a clear, concise safeguarding referral.",
			"Knowing how the Freedom to Speak Up route works and when to use it.",
			"Understanding the duty of candour and my part in it.",
			"Explaining people’s rights under the Mental Health Act, including section 132 rights.",
		},
		Opportunities: []string{
			"Safeguarding adults level 3 training.",
			"Shadowing the safeguarding team or attending a strategy meeting.",
			"The Freedom to Speak Up session in the monthly programme.",
			"Spending time with the Mental Health Act office.",
		},
		Threats: []string{
			"Worrying about damaging relationships with families or colleagues.",
			"Uncertainty about the threshold for making a referral.",
			"Getting little feedback after a referral is made.",
		},
	},
	{
		Domain: "Leadership, delegation and team working",
		Strengths: []string{
			"I work well in a team and communicate openly with healthcare assistants.",
			"I like to plan my shift and keep a clear list of priorities.",
			"I enjoy supporting students, having recently been one.",
		},
		LearningNeeds: []string{
			"Delegating confidently to experienced colleagues.",
			"Reprioritising my workload when things change quickly.",
			"Taking charge of a shift with support later in the year.",
			"Leading a safety huddle.",
		},
		Opportunities: []string{
			"Shadowing the nurse in charge on late shifts.",
			"The practice supervisor preparation course.",
			"Leading the morning huddle with my preceptor present.",
			"Coordinating a shift under supervision in the second half of the year.",
		},
		Threats: []string{
			"Being asked to take charge too early because of staff shortages.",
			"Lacking confidence with senior colleagues.",
			"Frequent changes in the team, including agency staff.",
		},
	},
	{
		Domain: "Reflection, learning and professional development",
		Strengths: []string{
			"I reflect regularly and jot down notes after significant events.",
			"I am motivated to learn and I ask for feedback.",
			"I set myself clear goals and like to track my progress.",
		},
		LearningNeeds: []string{
			"Writing reflective accounts in a form suitable for revalidation or HCPC CPD.",
			"Making the most of clinical supervision.",
			"Presenting to my peers with confidence.",
			"Working out where I want my career to go.",
		},
		Opportunities: []string{
			"The monthly preceptorship development sessions.",
			"Career conversations at six and twelve months.",
			"Clinical supervision with a supervisor from outside my team.",
			"Teaching sessions on the ward and at the team’s in-service training.",
		},
		Threats: []string{
			"No protected time to write reflections.",
			"Supervision sessions being cancelled because of clinical demand.",
			"Being too tired after shifts to study.",
		},
	},
	{
		Domain: "Resilience and wellbeing",
		Strengths: []string{
			"I have good support from family and friends.",
			"I can usually recognise when I’m becoming stressed.",
			"Exercise helps me switch off after work.",
		},
		LearningNeeds: []string{
			"Switching off after difficult shifts.",
			"Taking my breaks when the ward is busy.",
			"Knowing how to support a colleague who is struggling.",
		},
		Opportunities: []string{
			"Restorative supervision with a Professional Nurse Advocate.",
			"Schwartz Rounds and team debriefs after difficult events.",
			"The Trust’s staff wellbeing hub and occupational health service.",
			"Peer support from other preceptees in my cohort.",
		},
		Threats: []string{
			"Night shifts disturbing my sleep.",
			"A long commute at the start and end of long days.",
			"A culture of staying late to finish documentation.",
			"Financial pressures and the cost of living.",
		},
	},
	{
		Domain: "Digital practice, documentation and information governance",
		Strengths: []string{
			"I am comfortable with technology and learned the electronic record quickly.",
			"I understand the importance of confidentiality and the Caldicott principles.",
			"My documentation is clear, factual and timed.",
		},
		LearningNeeds: []string{
			"Documenting contemporaneously on busy shifts.",
			"Using all the functions of the clinical system, such as referrals and results.",
			"Knowing what to do if I suspect a data breach.",
		},
		Opportunities: []string{
			"Training and drop-in sessions with the clinical systems team.",
			"Documentation audits with individual feedback.",
			"Becoming a digital champion for the ward.",
		},
		Threats: []string{
			"Not enough computers or mobile devices on the ward.",
			"Poor connectivity on community visits.",
			"Planned and unplanned system downtime.",
		},
	},
	{
		Domain: "Quality improvement and evidence-based practice",
		Strengths: []string{
			"I enjoy finding evidence and reading guidelines.",
			"I completed a literature review for my dissertation.",
			"I notice things that could work better and like suggesting ideas.",
		},
		LearningNeeds: []string{
			"Understanding quality improvement methods such as PDSA cycles.",
			"Taking part in audits and helping to act on the results.",
			"Presenting findings to the team.",
		},
		Opportunities: []string{
			"The Trust’s quality improvement fundamentals training.",
			"Joining the ward’s falls or pressure ulcer audit.",
			"The Trust’s annual quality improvement showcase.",
			"The monthly journal club.",
		},
		Threats: []string{
			"No protected time for improvement work.",
			"Change fatigue in the team.",
			"Not knowing who to ask for quality improvement support.",
		},
	},
}

var goalTexts = []GoalText{
	{
		Title:   "Complete the Trust’s IV assessment",
		Detail:  "Be able to prepare and administer intravenous medicines safely and independently.",
		Actions: []string{"Attend the IV therapy and drug calculations workshop", "Complete supervised IV administrations with my preceptor", "Pass the final IV competency assessment"},
		Domains: []string{"Medicines management"},
	},
	{
		Title:   "Escalate a deteriorating patient confidently",
		Detail:  "Recognise deterioration early using NEWS2 and escalate without hesitation using SBAR.",
		Actions: []string{"Attend the sepsis and NEWS2 study day", "Take part in two deteriorating patient simulations", "Ask my preceptor to observe an SBAR handover to the medical team"},
		Domains: []string{"Delivering safe and effective care", "Communication and relationships"},
	},
	{
		Title:   "Run a safe and timely medicines round",
		Detail:  "Complete a morning medicines round for my patients within an hour, prioritising time-critical medicines.",
		Actions: []string{"Learn the ward’s list of time-critical medicines", "Check stock and time-critical doses at the start of each shift", "Have a round observed by my preceptor and the ward pharmacist"},
		Domains: []string{"Medicines management", "Leadership, delegation and team working"},
	},
	{
		Title:   "Build confidence in difficult conversations",
		Detail:  "Respond calmly and compassionately to people who are worried, upset or unhappy with their care.",
		Actions: []string{"Attend the Sage and Thyme workshop", "Observe a senior colleague lead a family meeting", "Reflect on a difficult conversation with my preceptor"},
		Domains: []string{"Communication and relationships"},
	},
	{
		Title:   "Apply the Mental Capacity Act in practice",
		Detail:  "Carry out and record a decision-specific capacity assessment and take part in a best-interests decision.",
		Actions: []string{"Attend the Mental Capacity Act in practice workshop", "Complete a capacity assessment with my preceptor’s support", "Write a reflection on the assessment for my portfolio"},
		Domains: []string{"Person-centred care"},
	},
	{
		Title:   "Make reasonable adjustments routine",
		Detail:  "Make sure autistic people and people with a learning disability have the adjustments they need during their care.",
		Actions: []string{"Complete Oliver McGowan tier 2 training", "Spend a shift with the learning disability liaison team", "Ask for the hospital passport at every relevant admission"},
		Domains: []string{"Person-centred care"},
	},
	{
		Title:   "Coordinate a safe discharge",
		Detail:  "Plan and coordinate a discharge needing social care support from admission to follow-up.",
		Actions: []string{"Shadow the discharge coordinator for a morning", "Use the discharge checklist from the day of admission", "Follow up with the family after discharge"},
		Domains: []string{"Delivering safe and effective care", "Communication and relationships"},
	},
	{
		Title:   "Take charge of a shift with support",
		Detail:  "Coordinate the ward on a late shift with my preceptor available for advice.",
		Actions: []string{"Shadow the nurse in charge on two late shifts", "Lead the safety huddle", "Coordinate a shift with support and reflect on it afterwards"},
		Domains: []string{"Leadership, delegation and team working"},
	},
	{
		Title:   "Prepare to become a practice supervisor",
		Detail:  "Be ready to supervise students in practice by the end of my preceptorship.",
		Actions: []string{"Complete the practice supervisor preparation session", "Support a student for a shift alongside my preceptor", "Ask for feedback from the student and the practice assessor"},
		Domains: []string{"Leadership, delegation and team working", "Reflection, learning and professional development"},
	},
	{
		Title:   "Complete a small quality improvement project",
		Detail:  "Test a small change on my ward using a PDSA cycle and share the results.",
		Actions: []string{"Attend the quality improvement fundamentals training", "Agree an aim and measures with the ward manager", "Present the results at a team meeting"},
		Domains: []string{"Quality improvement and evidence-based practice"},
	},
	{
		Title:   "Become the team’s infection prevention link",
		Detail:  "Develop the knowledge to support the team with infection prevention and control.",
		Actions: []string{"Complete the ANTT competency assessment", "Join two monthly hand hygiene audits", "Attend an IPC link practitioner meeting"},
		Domains: []string{"Infection prevention and control"},
	},
	{
		Title:   "Raise safeguarding concerns confidently",
		Detail:  "Recognise abuse and neglect and make clear, timely safeguarding referrals.",
		Actions: []string{"Complete safeguarding adults level 3 training", "Review an anonymised referral with the safeguarding team", "Discuss thresholds for referral in clinical supervision"},
		Domains: []string{"Safeguarding and raising concerns"},
	},
	{
		Title:   "Document care as I go",
		Detail:  "Complete my documentation contemporaneously so that I finish my shift on time.",
		Actions: []string{"Use the mobile devices to record observations at the bedside", "Ask for a documentation audit with feedback", "Update records after each patient contact"},
		Domains: []string{"Digital practice, documentation and information governance"},
	},
	{
		Title:   "Look after my wellbeing on night shifts",
		Detail:  "Find routines that help me rest and recover around nights and long days.",
		Actions: []string{"Book a restorative supervision session with a Professional Nurse Advocate", "Take my breaks on every shift", "Talk to occupational health about sleep after nights"},
		Domains: []string{"Resilience and wellbeing"},
	},
	{
		Title:   "Write reflections ready for revalidation",
		Detail:  "Build a collection of reflective accounts linked to the Code or HCPC standards.",
		Actions: []string{"Attend the revalidation and reflective writing session", "Write one reflective account each month", "Discuss a reflection with my preceptor"},
		Domains: []string{"Reflection, learning and professional development", "Accountability and professional practice"},
	},
	{
		Title:   "Learn venepuncture and cannulation",
		Detail:  "Gain an additional clinical skill relevant to my area after approved training.",
		Actions: []string{"Attend the venepuncture and cannulation course", "Complete supervised practice and sign-off", "Reflect on a difficult cannulation"},
		Domains: []string{"Delivering safe and effective care"},
	},
	{
		Title:   "Manage my own community caseload",
		Detail:  "Plan and prioritise a daily caseload of home visits by clinical need and risk.",
		Actions: []string{"Plan the day’s visits with the team leader for two weeks", "Take on a small caseload of my own", "Review caseload priorities at allocation each morning"},
		Domains: []string{"Leadership, delegation and team working", "Delivering safe and effective care"},
	},
}

var meetingNotes = []string{
	"We went through the SLOT analysis for the ‘must’ competencies and agreed three priorities for the next few weeks: medicines, escalation and documentation. The preceptee feels settled in the team and has completed most of the Trust induction. Mandatory training is up to date apart from one course, which is now booked. We agreed to meet again in six weeks.",
	"Reviewed progress since the last meeting. Two reflections have been added to the portfolio, one on escalating a deteriorating patient and one on a medicines round; both are well written, but the action plans could be more specific. The escalation competency was discussed and signed off with testimony from the ward sister as evidence.",
	"The preceptee has taken on a full group of patients and reports feeling more confident, although medicines rounds are still taking a long time. We talked through ways to reduce interruptions and plan the round at the start of the shift. Feedback from colleagues has been positive, particularly about communication with families.",
	"We discussed a recent difficult shift when the ward was short-staffed. The preceptee escalated appropriately and kept patients safe, but finished late and missed a break. We agreed the importance of asking for help early and of documenting as they go. Wellbeing support, including the Professional Nurse Advocate service, was discussed.",
	"Midpoint review of the learning plan. Good progress has been made: most ‘must’ competencies are either signed off or have evidence in progress. We revisited the SLOT analysis and added two ‘should’ competencies as stretch goals. The six-month career conversation has been booked.",
	"The preceptee reflected on caring for a patient at the end of life and on how they felt afterwards. We talked about using debriefs and Schwartz Rounds, and about the normal emotional impact of a first death in practice. The end-of-life competency now has strong evidence from a reflection and a family’s feedback.",
	"Reviewed mandatory and essential training: one course is due to expire next month and has been booked. The preceptee has completed the IV therapy workshop and two supervised administrations. We agreed a target date for the final IV assessment.",
	"We discussed delegation and working with healthcare assistants. The preceptee has started holding a short huddle with their healthcare assistant at the start of each shift, which is working well. The next step is to lead the ward safety huddle with support.",
	"The preceptee has been supervising a student nurse and finding it rewarding. We talked about giving constructive feedback promptly and specifically. The practice education facilitator has provided a testimony, and the leadership competency on supporting learners is ready to be signed off.",
	"We reviewed a near miss that the preceptee reported through Datix. They were open about what happened and have reflected well on the learning. We discussed the Patient Safety Incident Response Framework and how sharing near misses improves safety for everyone. No further action is needed beyond the agreed learning.",
	"Progress is slower than planned because of a period of sickness absence. We agreed to revise target dates in the learning plan rather than try to catch everything up at once. The preceptee will have a phased return to their usual shift pattern, and we will meet fortnightly for the next two months.",
	"Final review of the portfolio. All ‘must’ competencies are signed off, with a good range of evidence including reflections, testimonies and service-user feedback. The preceptee has completed a small improvement project and presented it to the team. We discussed their career plans and next steps for the coming year.",
	"The preceptee has started a small quality improvement project on lying and standing blood pressure recording. We discussed measures and how to collect data without adding to workload. The ward manager has agreed to time at the next team meeting for them to share early results.",
	"We looked at the service-user and family feedback collected so far, which is very positive about kindness and communication. One comment about slow pain relief at night has led to a change in the preceptee’s night-time rounding. We agreed this is good evidence for the person-centred care competencies.",
	"The preceptee is settling into the community team and has started managing a small caseload with support. We discussed lone working, planning visits by clinical priority and using the team’s handover to flag concerns. They will continue to have joint visits once a week for the next month.",
}

var meetingActions = []string{
	"Shadow the nurse in charge on two late shifts",
	"Complete the IV therapy e-learning before the workshop",
	"Book Oliver McGowan tier 2 training",
	"Write a Gibbs reflection on the recent fall",
	"Ask the ward pharmacist for a discharge counselling session",
	"Update the SLOT analysis for medicines management",
	"Agree a clinical supervisor from outside the team",
	"Lead the morning safety huddle with the preceptor present",
	"Attend the next Schwartz Round",
	"Book the moving and handling refresher before it expires",
	"Ask the ward sister for a testimony on escalation",
	"Collect two pieces of service-user feedback",
	"Spend a morning with the discharge coordinator",
	"Observe a capacity assessment with the MCA lead",
	"Complete safeguarding adults level 3 training",
	"Supervise a student nurse for one shift with support",
	"Join next month’s falls audit",
	"Prepare a ten-minute teaching session for the team",
	"Read the Trust’s Freedom to Speak Up policy",
	"Book the six-month career conversation",
	"Arrange an occupational health appointment",
	"Complete the ANTT competency assessment with the IPC team",
	"Practise SBAR handovers at the next simulation session",
	"Shadow the tissue viability nurse for a day",
	"Upload training certificates to the portfolio",
	"Add one reflective account to the revalidation folder",
}

var concernTexts = []struct{ Summary, Detail, SupportPlan, Resolution string }{
	{
		Summary:     "Low confidence with medicines administration",
		Detail:      "The preceptee is taking much longer than expected to complete medicines rounds and has twice asked colleagues to check routine doses. They describe feeling anxious about making an error after a near miss on placement. There have been no errors, but the anxiety is limiting their progress with the medicines competencies.",
		SupportPlan: "Supervised medicines rounds with the preceptor twice a week for four weeks, gradually reducing support. A session with the ward pharmacist on time-critical medicines and the electronic prescribing system. Weekly check-ins to review confidence, and a referral to a Professional Nurse Advocate for restorative supervision.",
		Resolution:  "After six weeks of supported practice the preceptee completes rounds safely and within a reasonable time without asking for routine checks. They have reflected on their anxiety and feel able to manage it. The medicines competencies are back on track.",
	},
	{
		Summary:     "Sickness absence affecting progress",
		Detail:      "The preceptee has had two periods of sickness absence totalling five weeks, and several competencies planned for the first six months are not yet evidenced. The preceptee is worried about falling behind and about the effect on their pay progression. Occupational health has been involved.",
		SupportPlan: "Agree a phased return in line with occupational health advice. Revise the learning plan with realistic target dates and consider extending the preceptorship period if needed. Fortnightly meetings with the preceptor for two months, and the line manager to review any reasonable adjustments to the shift pattern.",
		Resolution:  "The preceptee returned to full duties after a four-week phased return. With the revised learning plan they have evidenced the outstanding competencies, and the preceptorship was completed with a six-week extension agreed with the preceptorship lead.",
	},
	{
		Summary:     "Struggling with time management on shift",
		Detail:      "The preceptee regularly finishes one to two hours late because documentation is left until the end of the shift, and has been missing breaks. The care they give is safe and kind, but they are becoming tired and colleagues have noticed that they seem stressed.",
		SupportPlan: "Work alongside the preceptor for three shifts to look at how the shift is planned and where time goes. Use a prioritisation sheet and document after each patient contact. Attend the monthly session on time management, and agree that the preceptee will take their breaks and tell the nurse in charge if they cannot.",
		Resolution:  "The preceptee now plans their shift with a prioritised list and documents as they go. They finish on time on most shifts and take their breaks. They say they feel less exhausted and more in control.",
	},
	{
		Summary:     "Wellbeing after a distressing death",
		Detail:      "The preceptee was involved in the care of a young patient who died unexpectedly after a cardiac arrest on the ward. Since then they have described difficulty sleeping and feeling anxious when caring for very unwell patients. They have continued to work but became tearful during their last review meeting.",
		SupportPlan: "Offer a structured debrief with the team and signpost to the staff wellbeing hub and the Trust’s psychological support service. Arrange restorative supervision with a Professional Nurse Advocate. Agree a temporary adjustment so the preceptee is not allocated the highest-acuity bay for two weeks, with a check-in after each shift.",
		Resolution:  "The preceptee attended the team debrief and three sessions with the psychological support service. They report sleeping better and feel able to care for unwell patients again. They have written a reflection on the experience and say they would now use support sooner.",
	},
	{
		Summary:     "Placement not matching the preceptee’s role and learning needs",
		Detail:      "The preceptee was recruited to a community team but has been redeployed to an inpatient ward for most of their first three months because of staffing. Several competencies in their learning plan relate to community practice, and they feel unsettled and unsure where they belong.",
		SupportPlan: "The line manager and preceptorship lead to review the redeployment and agree a date for returning to the community team. Meanwhile the learning plan will be adjusted to focus on competencies that can be evidenced on the ward, with a named preceptor in each area. Monthly meetings with the preceptorship lead until the move is complete.",
		Resolution:  "The preceptee returned to the community team after agreement with the service manager, with a two-week orientation period. Competencies evidenced on the ward were carried over, and the learning plan was refocused on caseload management.",
	},
	{
		Summary:     "Documentation below the expected standard",
		Detail:      "A documentation audit found that the preceptee’s care plans were not updated when risk changed, and several entries were written retrospectively without being marked as such. The preceptee was unaware of the Trust’s standards for late entries.",
		SupportPlan: "Review the Trust’s record-keeping policy together and the NMC standards on clear and accurate records. Attend a session with the clinical systems team on updating care plans in the electronic record. Repeat the documentation audit in six weeks, with feedback from the preceptor.",
		Resolution:  "The repeat audit showed timely entries, correctly marked late entries and care plans updated when risk changed. The preceptee has since helped a new starter learn the documentation standards.",
	},
}

var supervisionThemes = []struct{ Themes, Actions string }{
	{
		Themes:  "The emotional impact of caring for a patient at the end of life; balancing compassion with looking after myself; what a ‘good death’ looks like on a busy ward.",
		Actions: "Use the ward debrief after distressing events; attend a Schwartz Round; revisit in the next session how I am sleeping and switching off.",
	},
	{
		Themes:  "Confidence in questioning a senior colleague’s decision about a patient’s discharge; how to raise a concern respectfully using facts and SBAR.",
		Actions: "Practise framing concerns with the supervisor; read the Trust’s escalation policy; reflect on the next occasion I need to challenge a decision.",
	},
	{
		Themes:  "Professional boundaries with a long-stay patient on a mental health ward who asked for my personal phone number and to follow me on social media.",
		Actions: "Review the NMC guidance on social media and the Trust’s boundaries policy; discuss with the named nurse how to respond consistently as a team; write a short reflection.",
	},
	{
		Themes:  "Working alone on community visits; managing the emotional weight of decisions made in people’s homes; personal safety and lone working.",
		Actions: "Make sure the lone working app is used on every visit; arrange joint visits for complex cases; bring a case to the next peer supervision group.",
	},
	{
		Themes:  "Feeling like an impostor as a new registrant; comparing myself with more experienced colleagues; recognising progress over the first months.",
		Actions: "Keep a log of things done well each week; review competencies signed off so far with my preceptor; bring the log to the next session.",
	},
	{
		Themes:  "Receiving racist remarks from a patient and feeling unsupported by the response at the time; my rights as a member of staff and how incidents should be handled.",
		Actions: "Report the incident on Datix with the ward manager’s support; contact the Trust’s staff network for peer support; discuss the Trust’s policy on zero tolerance with the line manager.",
	},
	{
		Themes:  "Use of restrictive practice on the ward and whether my values fit with what I saw; the least restrictive principle and the role of debriefs.",
		Actions: "Attend the next post-incident debrief; read the Trust’s reducing restrictive practice strategy; discuss with the charge nurse how I can contribute to the ward’s Safewards work.",
	},
	{
		Themes:  "Preparing for my first shift in charge; managing the ward’s bed state and staffing alongside my own patients; what worries me most.",
		Actions: "Shadow the nurse in charge on two more shifts; take charge of a late shift with my preceptor on duty; reflect on the shift at the next session.",
	},
	{
		Themes:  "Balancing study, shifts and family life; feeling behind with my portfolio; setting realistic goals.",
		Actions: "Agree protected portfolio time with my line manager; break the learning plan into monthly targets; review progress at the next session.",
	},
	{
		Themes:  "A near miss on the ward and the fear of making a mistake; how the Patient Safety Incident Response Framework supports learning without blame.",
		Actions: "Share the learning at the safety huddle; complete the reflection for my portfolio; notice and challenge catastrophic thinking after a mistake.",
	},
}

var careerTexts = []struct{ Aspirations, Notes, NextSteps string }{
	{
		Aspirations: "I would like to work in critical care in the next two to three years, and eventually train as an advanced critical care practitioner.",
		Notes:       "We discussed the skills that transfer from acute medicine, particularly recognising deterioration and working with the outreach team. The preceptee is interested in a rotation that includes critical care. We talked about the Trust’s rotation programme and the critical care step one competencies.",
		NextSteps:   "Arrange a shadowing day on critical care; apply for the next rotation round; complete the acute illness management course.",
	},
	{
		Aspirations: "I want to stay in community nursing and complete the district nursing specialist practitioner qualification.",
		Notes:       "The preceptee enjoys autonomy and building relationships with people and families over time. We discussed the district nursing SPQ, apprenticeship routes and the support available from the Trust. We also talked about non-medical prescribing as part of the qualification.",
		NextSteps:   "Speak to the district nursing education lead about the next intake; take on a larger caseload with support; attend the community nursing conference.",
	},
	{
		Aspirations: "I would like to develop my skills in psychological therapies and work towards a role in a community mental health team.",
		Notes:       "The preceptee has found therapeutic engagement on the ward the most rewarding part of the role. We discussed the difference between inpatient and community roles, training in psychosocial interventions and the Trust’s career pathway for mental health nurses.",
		NextSteps:   "Arrange time with a community mental health team; look into the psychosocial interventions course; discuss a development secondment with the line manager.",
	},
	{
		Aspirations: "I want to specialise in musculoskeletal physiotherapy and work towards a first contact practitioner role in primary care.",
		Notes:       "The preceptee enjoys outpatient work and the clinical reasoning involved in musculoskeletal assessment. We discussed the rotation structure, the first contact practitioner roadmap and the value of a broad foundation in the early years.",
		NextSteps:   "Request a musculoskeletal outpatient rotation; start a CPD log against the first contact practitioner roadmap; join the musculoskeletal in-service training programme.",
	},
	{
		Aspirations: "I would like to join a continuity of carer team and later become a specialist midwife in perinatal mental health.",
		Notes:       "The preceptee values getting to know women and families throughout pregnancy. We discussed the balance of delivery suite experience and community practice in the early years, and the specialist roles available in the Trust.",
		NextSteps:   "Complete a rotation to community midwifery; shadow the perinatal mental health midwife; attend the Trust’s perinatal mental health study day.",
	},
	{
		Aspirations: "I am interested in education and would like to become a practice educator or clinical skills facilitator in the future.",
		Notes:       "The preceptee has enjoyed supervising students and teaching on the ward. We discussed the practice assessor role, postgraduate certificates in education and the Trust’s clinical education team.",
		NextSteps:   "Complete the practice assessor preparation; deliver a teaching session at the monthly preceptorship programme; look into the postgraduate certificate in clinical education.",
	},
	{
		Aspirations: "I would like to become an acute liaison nurse for people with a learning disability.",
		Notes:       "The preceptee is passionate about reasonable adjustments and reducing health inequalities. We discussed the liaison role, the experience needed, and how the Oliver McGowan training and LeDeR reviews could inform a small improvement project.",
		NextSteps:   "Spend a week with the acute liaison team; lead a reasonable adjustments project on the ward; attend the regional learning disability nursing network.",
	},
	{
		Aspirations: "I am interested in research and would like to explore a clinical academic career alongside practice.",
		Notes:       "The preceptee enjoyed their dissertation and has been involved in the ward’s audit work. We discussed the NIHR pre-doctoral pathway, the Trust’s research and innovation team and ways to build research experience while working clinically.",
		NextSteps:   "Meet the Trust’s research and innovation lead; join a local journal club; look into research internship schemes for the next application round.",
	},
}

// Given names carry no spaces, because the generator splits a full name at the first space.
var firstNames = []string{
	// English, Welsh, Scottish and Irish
	"Emily", "James", "Hannah", "Thomas", "Charlotte", "Liam", "Sophie", "Daniel", "Megan", "Jack", "Rebecca", "Callum",
	"Rhys", "Cerys", "Dafydd", "Ffion", "Owain", "Eilidh", "Fraser", "Mhairi", "Isla",
	"Siobhán", "Aoife", "Niamh", "Ciarán", "Róisín", "Seán", "Zoë",
	// Polish and Romanian
	"Łukasz", "Agnieszka", "Katarzyna", "Piotr", "Zofia", "Ioana", "Andrei", "Mihaela", "Bogdan",
	// Nigerian and Ghanaian
	"Chidi", "Ngozi", "Oluwaseun", "Adaeze", "Emeka", "Temitope", "Funmilayo", "Kwame", "Ama", "Kofi", "Akosua", "Yaw",
	// Indian and Pakistani
	"Priya", "Arjun", "Deepa", "Rohan", "Ananya", "Harpreet", "Jincy", "Ayesha", "Imran", "Fatima", "Bilal", "Zainab",
	// Filipino, Caribbean and Chinese
	"Maricel", "Jericho", "Rowena", "Analyn", "Marcus", "Shanice", "Kemar", "Jade", "Wei", "Xiaoling", "Jun",
	// Portuguese, Spanish and other
	"João", "Inês", "Tiago", "Maria-José", "Tendai", "Rutendo", "Hodan",
}

var surnames = []string{
	// English, Welsh, Scottish and Irish
	"Smith", "Taylor", "Walker", "Hughes", "Thompson", "Wright", "Whitfield", "Davies", "Evans", "Pritchard", "Lloyd",
	"MacLeod", "Campbell", "Fraser", "McKenzie", "Stewart", "Ó'Connor", "Murphy", "Byrne", "Gallagher", "Doyle",
	// Polish and Romanian
	"Nowak", "Wiśniewska", "Kowalczyk", "Wójcik", "Zieliński", "Popescu", "Ionescu", "Dumitru",
	// Nigerian and Ghanaian
	"Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Nwosu", "Mensah", "Boateng", "Asante", "Owusu",
	// Indian and Pakistani
	"Patel", "Sharma", "Nair", "Kaur", "Singh", "Menon", "Varghese", "Khan", "Hussain", "Akhtar", "Iqbal", "Malik",
	// Filipino, Caribbean, Chinese and Vietnamese
	"Santos", "Reyes", "Bautista", "Villanueva", "Mendoza", "Francis", "Baptiste", "Clarke", "Forbes",
	"Chen", "Wong", "Zhang", "Lam", "Nguyen", "Tran",
	// Portuguese, Spanish and other
	"Ferreira", "Costa", "Pereira", "Fernández", "García", "Moyo", "Mutasa", "Warsame",
}

var services = []string{
	"Ward 4B – Acute Medicine",
	"Ward 7 – Respiratory Medicine",
	"Ward 2A – Trauma and Orthopaedics",
	"Surgical Assessment Unit",
	"Community Nursing – Bootle",
	"Community Nursing – Kirkby",
	"Intermediate Care – Community Inpatient Unit",
	"Older Adults Mental Health – Ash Ward",
	"Adult Acute Mental Health – Cedar Ward",
	"Community Mental Health Team – Southport",
	"Adult Physiotherapy – Outpatients",
	"Occupational Therapy – Stroke Rehabilitation",
	"Children's Community Team",
	"Learning Disability Assessment Unit",
	"Maternity – Delivery Suite",
	"Maternity – Postnatal Ward",
}

var mandatoryCourses = []struct {
	Course          string
	Category        string
	RefresherMonths int
}{
	{"Fire safety", "mandatory", 12},
	{"Information governance and data security", "mandatory", 12},
	{"Basic life support", "mandatory", 12},
	{"Safeguarding adults level 2", "mandatory", 36},
	{"Safeguarding children level 2", "mandatory", 36},
	{"Moving and handling", "mandatory", 24},
	{"Infection prevention and control level 2", "mandatory", 12},
	{"Conflict resolution", "mandatory", 36},
	{"Equality, diversity and human rights", "mandatory", 36},
	{"Health, safety and welfare", "mandatory", 36},
	{"Preventing radicalisation", "mandatory", 36},
	{"Oliver McGowan training on learning disability and autism", "mandatory", 36},
	{"Medicines management", "essential", 12},
	{"Sepsis and NEWS2", "essential", 12},
	{"Venepuncture and cannulation", "role", 0},
	{"Mental Health Act awareness", "role", 36},
}

// Kinds rotate trust, service, profession, so consecutive months vary. Profession sessions
// are open to every profession on the programme.
var monthlySessions = []struct{ Kind, Title string }{
	{"monthly_trust", "Freedom to Speak Up and raising concerns"},
	{"monthly_service", "Recognising and responding to the deteriorating patient: simulation"},
	{"monthly_profession", "Accountability, delegation and working within your scope of practice"},
	{"monthly_trust", "Patient safety and learning from incidents under PSIRF"},
	{"monthly_service", "Physical health care in mental health and learning disability settings"},
	{"monthly_profession", "Reflective writing for NMC revalidation and HCPC CPD"},
	{"monthly_trust", "Equality, diversity and inclusion: civility and allyship"},
	{"monthly_service", "Discharge planning and working with social care"},
	{"monthly_profession", "Clinical supervision: getting the most from it"},
	{"monthly_trust", "Health and wellbeing: looking after yourself and your team"},
	{"monthly_service", "Reducing restrictive practice and positive behaviour support"},
	{"monthly_profession", "Preparing to supervise and assess learners in practice"},
	{"monthly_trust", "Safeguarding, domestic abuse and professional curiosity"},
	{"monthly_service", "End-of-life care and supporting families after a death"},
	{"monthly_profession", "Time management and prioritising your workload"},
	{"monthly_trust", "Career pathways and your career conversation"},
}
