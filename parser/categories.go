package parser

import "strings"

// categoryPhrases maps each category slug to the phrases minutes use for it.
// Phrases are matched on stemmed words, so plurals need no entry of their
// own, and punctuation is skipped ("anti-social" is "anti social"). Where
// phrases overlap the longest wins, which is how the most specific slug
// the text supports is chosen ("knife crime with injury" over "knife crime").
var categoryPhrases = map[string][]string{
	"total_offences": {"total offences", "total crime", "total notifiable offences",
		"notifiable offences", "tno", "overall crime", "crime overall", "offences overall",
		"recorded crime", "reported crime", "all crime", "total recorded crime",
		"overall recorded crime", "overall offending", "class 1 4 crime", "group 1 5 crime",
		"total victim based crime", "victim based crime", "overall crime levels", "group 1 5", "group 1 to 5",
		"group 1 5 crime", "class 1 5", "class 1 5 crime"},
	"mopac_7":        {"key neighbourhood crime", "key neighbourhood offence", "mopac 7", "mopac seven", "mopac offences", "mopac crime", "mopac 7 crime"},
	"property_crime": {"serious acquisitive crime", "acquisitive crime", "theft and related offence", "property crime", "crimes of dishonesty", "crime of dishonesty", "group 3 crime", "group 3", "dishonesty"},
	"burglary": {"burglary and related offence", "burglary", "aggravated burglary", "distraction burglary", "burglary total", "burglary offences",
		"housebreaking", "house breaking", "burgalry", "burglery", "burgulary", "buglary"},
	"residential_burglary": {"residential burglary", "burglary residential", "burglary res",
		"burglary dwelling", "dwelling burglary", "domestic burglary", "home burglary",
		"burglary of homes", "burglary of dwellings", "house burglary", "burglary of residential properties",
		"domestic housebreaking", "dwelling housebreaking", "housebreaking to dwellings"},
	"business_burglary": {"non domestic burglary", "burglary non domestic",
		"burglary of commercial premises", "burglary of commercial premise", "burglary involving business", "burglary involving businesses and communities", "burglary of business and community premises", "commercial premises burglary", "burglary of shop", "burglary of business", "business burglary", "commercial burglary", "non residential burglary",
		"non dwelling burglary", "burglary non dwelling", "burglary other than dwelling",
		"burglary non residential", "burglary non res", "burglary business and community",
		"business and community burglary", "burglary of business premises"},
	"robbery": {"robbery", "robbery total", "robbery offences"},
	"personal_robbery": {"robbery from the person", "robbery from person",
		"personal robbery", "robbery of personal property", "robbery personal",
		"street robbery", "mugging", "robbery of the person"},
	"business_robbery": {"business robbery", "robbery of business property", "robbery business",
		"robbery of an establishment", "robbery of an establishment or institution", "robbery of establishment",
		"commercial robbery", "robbery of business"},
	"theft_from_person": {"theft from the person", "theft from a person", "theft from person",
		"snatch theft", "theft person", "pickpocketing", "theft from the person offences", "distraction theft"},
	"shoplifting": {"retail crime", "theft from a shop",
		"shoplifting", "shop lifting", "shop theft", "theft from shop",
		"theft from shops and stalls", "retail theft"},
	"vehicle_crime": {"theft of a motor vehicle", "theft from a motor vehicle", "theft of or from a motor vehicle", "theft of and from a motor vehicle", "theft of a vehicle", "theft from a vehicle", "theft from a car", "theft of a car", "unauthorised taking of a motor vehicle",
		"autocrime", "auto crime", "incident involving motor vehicle", "incident involving vehicle", "theft of number plate", "number plate theft", "theft of registration plate", "vehicle related theft", "offence involving motor vehicle", "vehicle crime", "motor vehicle crime", "vehicle offence",
		"theft of motor vehicle", "theft from motor vehicle", "theft of and from motor vehicle",
		"theft of or from motor vehicle", "theft of vehicle", "theft from vehicle",
		"theft of and from vehicle", "vehicle theft", "car crime", "theft from car", "theft of car",
		"car theft", "stealing from vehicle", "stealing from car", "theft taking of mv",
		"theft taking of motor vehicle", "taking of motor vehicle", "theft from mv", "theft of mv",
		"motor vehicle theft", "vehicle interference", "theft of and from car"},
	"catalytic_converter_theft": {"catalytic converter theft", "catalytic convertor theft",
		"catalytic converter", "catalytic convertor", "theft of catalytic converter",
		"theft of catalytic convertor", "catalytic converter offence"},
	"bicycle_theft": {"bicycle theft", "cycle theft", "bike theft", "theft of pedal cycle",
		"theft of bicycle", "theft of bike", "theft of cycle", "pedal cycle theft",
		"cycles reported stolen", "bicycles reported stolen", "bikes reported stolen",
		"cycles stolen", "bicycles stolen", "bikes stolen", "pedal cycles stolen",
		"cycles had been reported stolen", "bicycles had been reported stolen", "cycles had been stolen",
		"bicycles had been stolen", "cycles were reported stolen", "bicycles were reported stolen",
		"cycles were stolen", "bicycles were stolen", "bikes were stolen", "bikes had been stolen"},
	"violence_against_the_person": {"threats to kill",
		"assault", "violence against person", "violence against the person", "vap", "violent crime",
		"violence", "violent offence", "crime of violence", "group 1 crime",
		"non domestic violence", "non domestic abuse violence", "group 1", "group one",
		"non sexual crimes of violence", "non sexual violence"},
	"violence_with_injury": {"assault causing harm", "assaults causing harm",
		"violence against a person with injury", "violence against the person with injury", "violence against person with injury", "actual bodily harm", "abh", "grievous bodily harm", "gbh", "wounding", "assault occasioning actual bodily harm", "violence with injury", "vwi", "assault with injury", "serious assault",
		"violence causing injury", "violence with injury offence"},
	"violence_without_injury": {"harassment", "stalking and harassment", "harassment offence", "minor assault", "assault without injury offence", "violence without injury", "common assault", "assault without injury"},
	"serious_youth_violence":  {"serious youth violence", "syv", "youth violence"},
	"knife_crime": {"knife crime", "knife offence", "total knife crime", "knife enabled crime",
		"knife related crime", "knife and blade crime", "knife and offensive weapon offence",
		"offences involving a knife", "knife point offence"},
	"knife_crime_with_injury": {"knife crime with injury", "knife crime injury",
		"knife injury offence", "knife crime with injury offence"},
	"knife_injury_victims_u25": {"knife injury victim", "knife injury victims u25",
		"under 25 knife injury victim", "u25 knife injury victim", "knife injury victims under 25",
		"under 25 knife crime with injury victim", "knife crime with injury victims under 25",
		"knife crime injury victims under 25", "knife crime with injury victims aged under 25"},
	"gun_crime": {"gun crime", "firearm offence", "firearms offence", "gun offence",
		"lethal barrelled firearm discharge", "lethal barrelled discharge", "firearm discharge",
		"firearms discharge", "gun discharge", "gun crime lethal barrelled discharged",
		"gun crime lethal barrelled discharge", "shooting", "gun and knife crime",
		"gun enabled crime"},
	"domestic_abuse": {"domestic abuse", "domestic violence", "da offence", "da crime",
		"da incident", "domestic abuse vwi", "domestic related crime", "domestic incident",
		"domestic violence and abuse", "domestic abuse offence", "domestic abuse crime",
		"da flagged", "da related", "domestic abuse flagged", "domestic abuse related", "domestic flagged"},
	"sexual_offences": {"sexual offence", "serious sexual offence", "sexual assault", "group 2 crime", "group 2",
		"sexual violence", "other sexual offence", "sex offence", "sexual crime"},
	"rape": {"rape", "reports of rape"},
	"vawg": {"vawg", "violence against women and girls", "streetsafe", "street safe", "violence against women",
		"violence against women and girl"},
	"hate_crime": {"hate related", "hate related crime", "hate flagged",
		"sectarian crime", "sectarian incident", "sectarian hate crime", "hate motivated crime", "hate motivated incident", "hate related incident", "hate crime", "racist and religious hate crime", "racist hate crime",
		"religious hate crime", "homophobic hate crime", "transphobic hate crime",
		"disability hate crime", "faith hate crime", "racially motivated crime",
		"religiously motivated crime", "racially or religiously motivated crime",
		"religiously or racially motivated crime", "racially and religiously motivated crime",
		"racially or religiously aggravated", "racially and religiously aggravated",
		"homophobic crime", "racist crime", "hate incident", "racist incident",
		"racist and religious hate", "hate offence"},
	"drug_offences": {"drugs for sale or supply", "drug for sale or supply", "sale or supply of drugs", "possession of drugs for sale or supply",
		"controlled drug offence", "drug offence", "drugs offence", "drug possession", "drugs possession",
		"drug trafficking", "drugs trafficking", "possession of drugs", "trafficking of drugs",
		"drug related offence", "drug crime", "drug trafficking offence", "possession of drug",
		"drugs crime", "supply of drugs", "drug supply", "drugs supply", "supply of controlled drugs",
		"possession of controlled drugs", "drug dealing"},
	"criminal_damage": {"damage to property", "damage to property and to the environment", "criminal damage", "arson and criminal damage", "criminal damage and arson",
		"arson", "criminal damage offence", "fire raising", "malicious mischief", "vandalism",
		"group 4 crime", "group 4", "fire raising malicious mischief"},
	"public_order": {"breach of the peace", "threatening or abusive behaviour", "threatening and abusive behaviour", "public order and other social code offence", "public order offence", "public order", "public order crime"},
	"possession_of_weapons": {"knife possession", "possession of knives", "possession of a weapon", "possession of an offensive weapon or bladed article",
		"possession of weapons", "weapons possession", "possession of weapon", "weapon possession", "possession of offensive weapon", "offensive weapon offence", "weapon offence", "weapons offence",
		"possession of an offensive weapon", "possession of a bladed article", "possession of a knife",
		"possession of bladed article"},
	"antisocial_behaviour": {"anti social behaviour", "antisocial behaviour", "anti social behavior",
		"antisocial behavior", "asb", "asb call", "asb incident", "asb report",
		"anti social behaviour incident", "anti social behaviour call"},
	"fly_tipping":       {"fly tipping", "flytipping", "fly tip", "flytip", "fly tipped"},
	"littering":         {"littering"},
	"modern_slavery":    {"modern slavery", "modern slavery offence", "human trafficking"},
	"reoffending":       {"re offended", "reoffended", "re offender", "reoffender", "re offending", "reoffending", "proven reoffending", "proven re offending", "re offend", "reoffend"},
	"online_watch_link": {"owl", "online watch link", "online watch"},
	"neighbourhood_watch": {"neighbourhood watch", "neighborhood watch", "neighbourhood watch scheme",
		"watch scheme", "neighbourhood watches"},
	// generic lists the bare words that mean all crime when nothing more
	// specific is named near them ("Crime had fallen by 5%").
	generic: {"crime", "offence", "offense", "crime figure", "crime level", "level of crime",
		"crime number", "crime rate", "crime statistic"},
	// blocked lists topics whose numbers are not crime figures, or crime
	// figures of no category here. Matching them keeps a shorter phrase
	// ("crime", "violence") from claiming their numbers.
	blocked: {"environmental crime", "cyber crime", "cybercrime",
		"organised crime", "serious and organised crime", "serious crime", "fraud",
		"crime prevention", "fear of crime", "crime scene", "crime reduction",
		"police and crime commissioner", "police and crime panel", "police and crime plan",
		"police fire and crime commissioner", "fire and crime commissioner", "police and crime committee",
		"stop and search", "stop search", "stop and account", "section 60", "arrest",
		"arrested",
		"public satisfaction", "victim satisfaction", "satisfaction", "confidence",
		"response time", "safeguarding", "referral", "fire", "road death",
		"killed or seriously injured", "missing person", "fixed penalty notice",
		"penalty notice", "community protection notice", "closure order", "dispersal order",
		"violence reduction", "violence reduction unit", "child sexual exploitation",
		"exploitation", "group 5", "group 5 crime", "group 5 other crime", "other crime", "other crimes", "other theft", "theft other", "theft offence", "theft and handling", "all theft", "theft and handling offence", "drug", "drugs", "weapon", "knife",
		"knives", "weapon sweep", "test purchase", "disorder ticket", "penalty notice for disorder",
		"nuisance", "noise", "alcohol", "street drinking", "begging", "graffiti",
		"terrorism", "counter terrorism", "prevent", "youth offending", "first time entrant",
		"custody", "prosecution", "conviction", "crime recording", "compliance", "vulnerable", "young people", "children", "school", "officer", "staff",
		"vehicle", "mobile phone", "phone", "shop",
		"house", "home", "property", "premises", "business", "offender",
		"suspect", "perpetrator", "witness", "injury", "traffic", "speeding",
		"collision", "casualty", "hospital", "ambulance", "fire service"},
}

// blocked is the pseudo-category of categoryPhrases whose mentions claim
// nearby numbers only to drop them.
const blocked = "-"

// generic is the pseudo-category of categoryPhrases for bare "crime" and
// "offences": all crime, unless a specific category is named near it.
const generic = "~"

// genericCrime is the slug a generic mention stands for.
const genericCrime = "total_offences"

// eventNouns are the nouns that make a plain number a count of crime
// ("811 offences", "four reports of anti-social behaviour").
var eventNouns = newWordSet(map[string]bool{
	"offence": true, "offense": true, "crime": true, "incident": true, "case": true,
	"report": true, "call": true, "victim": true, "allegation": true, "occurrence": true,
	"burglary": true, "robbery": true, "theft": true, "assault": true, "rape": true,
	"mugging": true, "discharge": true, "shooting": true, "stabbing": true,
	"offending": true, "notification": true, "complaint": true,
})

// Categories lists every category slug the parser returns, sorted.
func Categories() []string {
	return []string{
		"antisocial_behaviour", "bicycle_theft", "burglary", "business_burglary",
		"business_robbery", "catalytic_converter_theft", "criminal_damage",
		"domestic_abuse", "drug_offences", "fly_tipping", "gun_crime", "hate_crime",
		"knife_crime", "knife_crime_with_injury", "knife_injury_victims_u25",
		"littering", "modern_slavery", "mopac_7", "neighbourhood_watch",
		"online_watch_link", "personal_robbery", "possession_of_weapons",
		"property_crime", "public_order", "rape", "reoffending",
		"residential_burglary", "robbery", "serious_youth_violence",
		"sexual_offences", "shoplifting", "theft_from_person", "total_offences",
		"vawg", "vehicle_crime", "violence_against_the_person",
		"violence_with_injury", "violence_without_injury",
	}
}

// categoryTrie is built once from categoryPhrases and only read after.
var categoryTrie = buildPhraseTrie(categoryPhrases)

// buildPhraseTrie compiles phrases, by stemmed word, to their slugs.
func buildPhraseTrie(phrases map[string][]string) *wordTrie {
	root := newWordTrie()
	for slug, list := range phrases {
		for _, p := range list {
			words := strings.Fields(p)
			for i, w := range words {
				words[i] = stemWord(w)
			}
			root.add(words, slug)
		}
	}
	return root
}

// mention is a category named in a sentence: the slug (or blocked) and the
// token range [first, last] it covers.
type mention struct {
	slug        string
	first, last int
	generic     bool // a bare "crime"/"offences"
}

// findMentions returns the category mentions of a sentence's tokens, longest
// match first at each word, left to right, never overlapping.
func findMentions(toks []token) []mention {
	return appendMentions(nil, toks)
}

// appendMentions is findMentions appending to dst[:0], a buffer reused
// from sentence to sentence.
func appendMentions(dst []mention, toks []token) []mention {
	out := dst[:0]
	starts := categoryTrie.initials
	for i := 0; i < len(toks); i++ {
		// Most words start no phrase, as their shape tells (the first
		// look matchPhrase would take).
		if toks[i].kind == punctToken || !starts.mayHold(toks[i].stem) {
			continue
		}
		slug, last := matchPhrase(toks, i)
		if slug == "" {
			continue
		}
		// Absorb a trailing event noun: "knife crime offences", "ASB calls".
		if j := nextWord(toks, last); j >= 0 && eventNouns.has(toks[j].stem) && slug != blocked {
			last = j
		}
		// "non-X" is not X, unless the phrase itself says "non".
		if toks[i].norm != "non" && precededByNon(toks, i) {
			i = last
			continue
		}
		m := mention{slug: slug, first: i, last: last}
		if qualifiesOther(toks, last) {
			m.slug = blocked // "assault-related admissions to hospital"
		}
		if slug == generic {
			m.slug, m.generic = genericCrime, true
			// "moped-enabled crime", "rural crime", "this type of
			// crime": a kind of crime we have no category for, not all
			// crime.
			if unknownKindBefore(toks, i) || kindOfBefore(toks, i) && !specificIn(out) {
				m.slug, m.generic = blocked, false
			}
		}
		// "197 recorded crimes": after a number, recorded or reported
		// crime is only what is counted.
		if slug == genericCrime && (toks[i].norm == "recorded" || toks[i].norm == "reported") && i > 0 && toks[i-1].kind == numToken {
			m.generic = true
		}
		out = append(out, m)
		i = last
	}
	return out
}

// unknownKindBefore reports whether the word before a bare "crime" at
// toks[i] qualifies it as a kind of crime no category names: "moped
// enabled crime", "rural crime", "business crime". Determiners,
// quantities, verbs and places leave it all crime.
func unknownKindBefore(toks []token, i int) bool {
	j := i - 1
	for j >= 0 && toks[j].kind == punctToken && (toks[j].text == "-" || toks[j].text == "‐") {
		j--
	}
	if j < 0 || j == i-1 && toks[j].kind != wordToken {
		return false
	}
	t := toks[j]
	if t.kind != wordToken || capitalised(t.text) && j > 0 && !isAcronym(t.text) {
		return false // "Camden crime", a name
	}
	if j == 0 && !modifierSuffixes.has(t.norm) && !kindWords.has(t.norm) {
		return false // "Crime fell", the sentence's first word
	}
	return modifierSuffixes.has(t.norm) || kindWords.has(t.norm)
}

// kindWords name kinds of crime that no category covers.
var kindWords = newWordSet(map[string]bool{
	"rural": true, "business": true, "retail": true, "street": true, "wildlife": true, "heritage": true,
	"youth": true, "neighbourhood": true, "acquisitive": true, "economic": true, "financial": true,
	"online": true, "digital": true, "cyber": true, "environmental": true, "waste": true, "moped": true,
	"scooter": true, "cycle": true, "bicycle": true, "car": true, "vehicle": true, "gang": true,
	"organised": true, "serious": true, "violent": true, "night": true, "alcohol": true, "drug": true,
	"drugs": true, "knife": true, "gun": true, "hate": true, "property": true, "sexual": true, "other": true,
})

// kindOfBefore reports whether "this type of" or the like stands before a
// bare "crime" at toks[i]: it refers to a kind named before.
func kindOfBefore(toks []token, i int) bool {
	if i < 2 || toks[i-1].norm != "of" {
		return false
	}
	switch toks[i-2].norm {
	case "type", "kind", "form", "sort", "category", "types", "kinds", "forms":
	default:
		return false
	}
	if i < 3 {
		return false
	}
	switch toks[i-3].norm {
	case "this", "that", "these", "those", "such", "same":
		return true
	}
	return false
}

// specificIn reports whether mentions name a category other than crime in
// general.
func specificIn(ms []mention) bool {
	for _, m := range ms {
		if m.slug != blocked && !m.generic {
			return true
		}
	}
	return false
}

// qualifiesOther reports whether the category ending at toks[last] only
// qualifies a noun after it that is no crime: "assault-related hospital
// admissions", "burglary-related calls to the council" stay crime, but
// "knife-related injuries" do not.
func qualifiesOther(toks []token, last int) bool {
	// The compound is written with a hyphen: "knife-related", not
	// "violence linked to the night-time economy".
	if last+2 >= len(toks) || toks[last+1].text != "-" {
		return false
	}
	j := last + 2
	if !modifierSuffixes.has(toks[j].norm) {
		return false
	}
	k := nextWord(toks, j)
	if k < 0 {
		return false
	}
	if s, _ := matchPhrase(toks, k); s != "" && s != blocked {
		return false
	}
	return !eventNouns.has(toks[k].stem) && !countAdjectives.has(toks[k].norm)
}

// matchPhrase returns the slug and last token of the longest phrase starting
// at toks[i], or "" if none does. Punctuation between words is skipped, but
// not across a sentence-internal break such as ";" or "(".
func matchPhrase(toks []token, i int) (string, int) {
	n := categoryTrie
	slug, last := "", -1
	for j := i; j < len(toks); j++ {
		t := &toks[j]
		w := t.stem
		if t.kind == punctToken {
			switch t.text {
			case "&":
				w = "and" // "Theft & Related Offences"
			case "-", "/", "‐", "'", "’", "\"":
				continue
			default:
				return slug, last
			}
		}
		child, ok := n.child(w)
		if !ok {
			break
		}
		n = child
		if n.value != "" {
			slug, last = n.value, j
		}
	}
	return slug, last
}

// nextWord returns the index of the first non-punctuation token after i, or -1.
func nextWord(toks []token, i int) int {
	for j := i + 1; j < len(toks); j++ {
		if toks[j].kind != punctToken {
			return j
		}
		if toks[j].text != "-" {
			return -1
		}
	}
	return -1
}

// precededByNon reports whether the word before toks[i] is "non", as in
// "non-domestic abuse violence" or "U25 non-DA".
func precededByNon(toks []token, i int) bool {
	j := i - 1
	for j >= 0 && toks[j].kind == punctToken && (toks[j].text == "-" || toks[j].text == "‐") {
		j--
	}
	return j >= 0 && toks[j].norm == "non"
}
