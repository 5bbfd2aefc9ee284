package parser

// The words that tell what a number measures. Each set is matched on a
// token's lower-case form.

// fallWords and riseWords give a change its sign.
var fallWords = newWordSet(map[string]bool{
	"reduced": true, "reduce": true, "reduces": true, "reducing": true, "reduction": true,
	"reductions": true, "fell": true, "fall": true, "fallen": true, "falls": true,
	"falling": true, "down": true, "decrease": true, "decreased": true, "decreases": true,
	"decreasing": true, "decline": true, "declined": true, "declines": true,
	"declining": true, "drop": true, "dropped": true, "drops": true, "dropping": true,
	"lower": true, "fewer": true, "less": true, "cut": true, "cutting": true, "dipped": true, "dip": true,
	"lowered": true, "downturn": true, "downward": true, "reducation": true, "below": true,
})

var riseWords = newWordSet(map[string]bool{
	"increased": true, "increase": true, "increases": true, "increasing": true,
	"rise": true, "rose": true, "risen": true, "rises": true, "rising": true, "up": true,
	"more": true, "higher": true, "grew": true, "grown": true, "growth": true,
	"uplift": true, "spike": true, "spiked": true, "jump": true, "jumped": true,
	"climbed": true, "climb": true, "upturn": true, "upward": true, "surge": true,
	"surged": true, "additional": true, "extra": true, "above": true,
})

// changeNouns head a change phrase that takes its size with "of": "an
// increase of 14%", "a reduction in robberies of 2%".
var changeNouns = newWordSet(map[string]bool{
	"increase": true, "increases": true, "rise": true, "rises": true, "reduction": true,
	"reductions": true, "decrease": true, "decreases": true, "fall": true, "falls": true,
	"drop": true, "drops": true, "decline": true, "declines": true, "growth": true,
	"uplift": true, "change": true, "spike": true, "jump": true, "surge": true,
})

// multiplierWords are changes written as words: "halved", "doubled".
var multiplierWords = map[string]float64{
	"halved": -50, "doubled": 100, "tripled": 200, "trebled": 200, "quadrupled": 300,
}

// detectionWords mark a share of offences solved.
var detectionWords = newWordSet(map[string]bool{
	"detection": true, "detections": true, "detected": true, "solved": true,
	"solve": true, "solvency": true, "outcome": true, "outcomes": true,
	"clearance": true, "sanction": true, "charge": true, "charged": true, "sd": true,
})

// signupWords mark people joining a scheme.
var signupWords = newWordSet(map[string]bool{
	"signed": true, "sign": true, "registered": true, "subscribed": true, "joined": true,
	"subscriber": true, "subscribers": true, "members": true, "member": true,
	"users": true, "membership": true, "signups": true, "registrations": true,
	"subscriptions": true, "enrolled": true,
})

// countAdjectives may stand between a number and its noun: "12 recorded
// offences", "30 new cases".
var countAdjectives = newWordSet(map[string]bool{
	"recorded": true, "reported": true, "new": true, "further": true, "separate": true,
	"individual": true, "confirmed": true, "serious": true, "other": true,
	"notifiable": true, "crime": true, "police": true, "such": true, "similar": true,
	"actual": true, "distinct": true, "total": true, "additional": true, "active": true,
	"live": true, "registered": true, "known": true,
})

// copulaWords link a category to its count: "recorded crime is running at
// 328", "burglary stood at 393", "knife crime totalled 162".
var copulaWords = newWordSet(map[string]bool{
	"at": true, "totalled": true, "totaled": true, "totalling": true, "was": true,
	"were": true, "is": true, "are": true, "reached": true, "numbered": true,
	"stands": true, "stood": true, "of": true, "to": true,
})

// comparisonWords introduce a second count compared with a first: "328 this
// year vs 309 last year".
var comparisonWords = newWordSet(map[string]bool{
	"vs": true, "versus": true, "against": true, "with": true, "to": true, "v": true,
	"from": true,
})

// notCountFollowers after a number make it a share, not a count: "63 of
// them", "5 of which".
var notCountFollowers = newWordSet(map[string]bool{"them": true, "which": true, "these": true, "those": true, "whom": true, "us": true})

// casework nouns after a count noun make the number one of casework, not
// of crime: "11 ASB case reviews", "40 case conferences".
var caseworkNouns = newWordSet(map[string]bool{
	"review": true, "reviews": true, "conference": true, "conferences": true, "meeting": true,
	"meetings": true, "worker": true, "workers": true, "officer": true, "officers": true,
	"management": true, "file": true, "files": true, "panel": true, "panels": true,
	"team": true, "teams": true, "coordinator": true, "coordinators": true, "manager": true, "managers": true,
	"handler": true, "handlers": true, "number": true, "numbers": true, "volunteer": true, "volunteers": true,
	"leader": true, "leaders": true, "champion": true, "champions": true, "advocate": true, "advocates": true,
})

// caseworkVerbs before a count make it a count of casework: "opened 327
// new cases", "managed 40 cases".
var caseworkVerbs = newWordSet(map[string]bool{
	"opened": true, "managed": true, "handled": true, "closed": true, "allocated": true,
	"supported": true, "triaged": true,
})

// modifierSuffixes after a blocked topic make it qualify what follows:
// "alcohol-related anti-social behaviour".
var modifierSuffixes = newWordSet(map[string]bool{
	"related": true, "fuelled": true, "linked": true, "motivated": true, "enabled": true,
	"involved": true, "based": true,
})

// periodWords may stand between a figure and its category: "a decrease of
// 5% in the last 12 months of MOPAC 7 crimes".
var periodWords = newWordSet(map[string]bool{
	"last": true, "past": true, "previous": true, "rolling": true, "month": true,
	"months": true, "year": true, "years": true, "quarter": true, "twelve": true,
	"period": true, "same": true, "this": true, "week": true, "weeks": true,
})

// fractionWords are changes written as fractions: "reduced by half",
// "up by a third".
var fractionWords = map[string]float64{"half": 50, "third": 100.0 / 3, "quarter": 25, "fifth": 20, "tenth": 10}

// signupNouns are the people a sign-up count counts.
var signupNouns = newWordSet(map[string]bool{
	"residents": true, "people": true, "members": true, "households": true,
	"subscribers": true, "users": true, "businesses": true, "homes": true,
})

// statedWords state a count at the end of a clause: "ASB calls were 1,234,
// down 8%", "burglary totalled 393.".
var statedWords = newWordSet(map[string]bool{
	"were": true, "was": true, "totalled": true, "totaled": true, "numbered": true,
	"reached": true, "at": true, "recorded": true,
})

// statedFollowers may follow a stated count: "numbered 3,921 in 2023",
// "was 41,380 in the twelve months to October".
var statedFollowers = newWordSet(map[string]bool{
	"in": true, "for": true, "during": true, "across": true, "over": true, "last": true,
	"this": true, "compared": true, "against": true, "between": true, "since": true,
	"up": true, "down": true, "a": true, "an": true,
})
