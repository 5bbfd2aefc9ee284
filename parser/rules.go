package parser

// The readings of a number are named rules in tables the parser walks in
// order (percentRules, countRules, and the word and table rules): the
// first rule that decides a number's reading wins. Each rule names the
// shape of phrase it reads and carries example phrases of that shape;
// TestRuleExamples parses every example and fails when one is read by
// another rule or by none, and TestEveryRuleMatters switches each rule
// off in turn and fails when none of its examples changes. To add a
// phrasing, add a rule (or an example to the rule that should read it) at
// the place in its table where it must be tried, and run the tests.

// verdict is what a rule decides about a number.
type verdict uint8

const (
	pass verdict = iota // the rule does not apply: try the next one
	take                // the rule read the number as a figure
	drop                // the rule says the number is no figure
)

// rule is one named reading of a number.
type rule struct {
	name string
	// shape says, in words, which phrases the rule reads.
	shape string
	// examples are phrases of the shape, written for the rule.
	examples []example
	// read decides number k of the sentence; r starts as the bare
	// number and is the figure when the verdict is take. A rule that
	// passes leaves r as it found it, or its changes are discarded.
	read func(v *view, k int, prev []reading, r *reading) verdict
}

// example is one phrase of a rule's shape and what the rule reads from it.
type example struct {
	text string
	// want lists the figures this rule reads from text, each as
	// "category measure value" ("burglary change_percent -39"); other
	// rules may read other figures of the same text. Empty for a rule
	// that drops numbers: then the rule must drop one of the text's.
	want []string
}

// ex builds an example.
func ex(text string, want ...string) example { return example{text: text, want: want} }

// control switches rules off and observes their verdicts; the tests use
// it, Parse does not (a nil control is a parse with every rule on).
type control struct {
	off     map[string]bool
	dropped func(rule string)
	// passed, if set, is told of each sentence passed for the scheme of
	// the passage after it (see notePassage), and asked of each scheme a
	// sentence starting at at asks for, and the answer.
	passed func(s sentence, mentions []mention, read bool)
	asked  func(at int, scheme string)
}

func (c *control) isOff(name string) bool { return c != nil && c.off[name] }

func (c *control) noteDrop(name string) {
	if c != nil && c.dropped != nil {
		c.dropped(name)
	}
}

// walk reads number k by the first rule of rules that decides it.
func (v *view) walk(rules []rule, k int, prev []reading) (reading, bool) {
	n := v.nums[k]
	base := reading{num: k, value: n.value, first: n.first, last: n.last}
	// The rules write into the view's scratch reading: passed through a
	// function value, a local one would be allocated at every rule. It is
	// made base again before each rule field by field, its strings zeroed
	// only where the rule before set one (most rules pass and set none):
	// a write of a string into the heap, or a copy of a reading, costs a
	// write barrier while the collector marks. resetReading names every
	// field of a reading (TestResetReadingSetsEveryField).
	r := &v.scratch
	for i := range rules {
		ru := &rules[i]
		if v.ctl.isOff(ru.name) {
			continue
		}
		resetReading(r, &base)
		switch ru.read(v, k, prev, r) {
		case take:
			r.rule = ru.name
			return *r, true
		case drop:
			v.ctl.noteDrop(ru.name)
			return *r, false
		}
	}
	return base, false
}

// resetReading makes *r as base, a reading with no strings set, writing
// its strings only if r has one.
func resetReading(r, base *reading) {
	if r.measure != "" || r.slug != "" || r.rule != "" {
		r.measure, r.slug, r.rule = "", "", ""
	}
	r.num, r.value, r.first, r.last, r.inherit, r.previous = base.num, base.value, base.first, base.last, base.inherit, base.previous
}

// allRules returns every rule of every table, in the order they are tried.
func allRules() []*rule {
	var out []*rule
	for _, table := range [][]rule{percentRules, countRules, wordRules, tableRules} {
		for i := range table {
			out = append(out, &table[i])
		}
	}
	return out
}

// The rules that read words and tables rather than one number, by name.
const (
	ruleMultiplier  = "change-multiplier"
	ruleFraction    = "change-fraction"
	ruleTableRows   = "table-rows"
	ruleTableCells  = "table-cells"
	ruleTableSpaced = "table-spaced"
)

// Rules whose readings others look back on, by name.
const (
	ruleCountRow            = "count-row"
	ruleCountPeriodLabelled = "count-period-labelled"
	ruleCountComparedSecond = "count-compared-second"
	ruleCountBracketEarlier = "count-bracket-earlier"
	ruleRateBracketEarlier  = "rate-bracket-earlier"
	rulePer1000Compared     = "per-1000-compared"
	rulePercentCompared     = "percent-compared"
)

// percentRules read a percentage, tried in this order.
var percentRules = []rule{
	{name: "hypothetical-percent", shape: "a sentence that supposes (\"If ... it will show a 100% increase\"): nothing",
		examples: []example{
			ex("If a ward records one burglary and then two, it will register a 100% increase."),
			ex("Were robbery to rise by 10%, the borough would still rank low."),
			ex("If shoplifting fell 5% next year, the target would be met."),
		},
		read: (*view).anyHypothetical},
	{name: rulePercentCompared, shape: "a rate, then the same rate earlier or elsewhere: \"N%, up from M%\", \"compared with M% for X\"",
		examples: []example{
			ex("The detection rate for robbery was 21.4%, up from 15.2% last year.", "robbery detection_rate_percent 15.2"),
			ex("Reoffending stood at a rate of 27.5%, compared with 29.1% nationally.", "reoffending rate_percent 29.1"),
			ex("Shoplifting fell 8%, compared with 3% across London.", "shoplifting change_percent -3"),
		},
		read: (*view).pctCompared},
	{name: "percent-again", shape: "a change, then \"and M%\" for another place or time",
		examples: []example{
			ex("Robbery was up 9% in Kentish Town and 4% in Camden Town.", "robbery change_percent 4"),
			ex("Vehicle crime fell by 12% this quarter, and 7% over the year.", "vehicle_crime change_percent -7"),
			ex("Hate crime rose 15%, but 3% in the north of the borough.", "hate_crime change_percent 3"),
			ex("Violence with injury offences were up by 51, or 7.2%.", "violence_with_injury change_percent 7.2"),
		},
		read: (*view).pctAgain},
	{name: "target-verb", shape: "a change still to come: \"to reduce X by N%\", \"will cut X by N%\"",
		examples: []example{
			ex("The plan sets out targets to: reduce burglary by 20%; and cut robbery by 10%.", "burglary target_percent -20", "robbery target_percent -10"),
			ex("The partnership aims to reduce anti-social behaviour by 5% over three years.", "antisocial_behaviour target_percent -5"),
			ex("Officers will increase the detection of knife crime by 15%.", "knife_crime target_percent 15"),
			ex("The strategy is to significantly cut shoplifting by 12%.", "shoplifting target_percent -12"),
			ex("The priority to achieve a reduction in domestic burglary by 13% was not met.", "residential_burglary target_percent -13"),
			ex("The partnership was on track to meet its aim of reducing anti-social behaviour by 5% by March 2024.", "antisocial_behaviour target_percent -5"),
			ex("The plan has the objective of cutting robbery by 10%.", "robbery target_percent -10"),
			ex("The force is committed to reducing burglary by 15%.", "burglary target_percent -15"),
		},
		read: (*view).pctTargetVerb},
	{name: "percent-by", shape: "\"by N%\" under a change verb; without one, nothing",
		examples: []example{
			ex("Burglary had reduced by 39% since 2019.", "burglary change_percent -39"),
			ex("Knife crime has increased by 6.5% on last year.", "knife_crime change_percent 6.5"),
			ex("Shoplifting went down by 11% across the town.", "shoplifting change_percent -11"),
			ex("Camden had the highest robbery detection rate in London by 6%."),
		},
		read: (*view).pctBy},
	{name: "target-before", shape: "\"target of N%\" within three words before",
		examples: []example{
			ex("The partnership has a target of 20% for reducing burglary.", "burglary target_percent 20"),
			ex("An aspirational target of a 12% positive outcome rate for domestic abuse was set.", "domestic_abuse target_percent 12"),
			ex("The force set targets of 10% for knife crime.", "knife_crime target_percent 10"),
		},
		read: (*view).pctTargetBefore},
	{name: "rate-moving", shape: "a rate that rose or fell \"from N% to M%\" or \"to M%\"",
		examples: []example{
			ex("The solved rate for rape had risen from 4% to 7.5%.", "rape detection_rate_percent 4"),
			ex("The positive outcome rate for burglary had fallen to 6.5%.", "burglary detection_rate_percent 6.5"),
			ex("The charge rate for robbery went up from 9% to 11%.", "robbery detection_rate_percent 9"),
			ex("Burglary had fallen to 6.5%."),
			ex("The detection rate for burglary improved by 2.1 percentage points to 14.6%.", "burglary detection_rate_percent 14.6"),
			ex("The solved rate for robbery fell by 3 points to 9%.", "robbery detection_rate_percent 9"),
			ex("The positive outcome rate for rape has worsened to 4.2%.", "rape detection_rate_percent 4.2"),
		},
		read: (*view).pctRateMoving},
	{name: "detection-after", shape: "\"N% detection rate\", \"N% solved\", \"N% positive outcome\"",
		examples: []example{
			ex("Officers achieved a 17.8% detection rate for robbery.", "robbery detection_rate_percent 17.8"),
			ex("There was a 28% positive outcome rate in domestic abuse cases.", "domestic_abuse detection_rate_percent 28"),
			ex("Burglary saw 11% solved during the quarter.", "burglary detection_rate_percent 11"),
			ex("Of the 240 burglaries recorded, 14% were detected.", "burglary detection_rate_percent 14"),
			ex("There had been a rise in burglaries. The good news was that 12.1% were detected.", "burglary detection_rate_percent 12.1"),
		},
		read: (*view).pctDetectionAfter},
	{name: "target-after", shape: "\"N% target\", \"N% reduction target\"",
		examples: []example{
			ex("For hate crime, the partnership agreed a 10% target.", "hate_crime target_percent 10"),
			ex("Burglary carries a 5% reduction target this year.", "burglary target_percent 5"),
			ex("Domestic abuse has a 15% increase target for reporting.", "domestic_abuse target_percent 15"),
		},
		read: (*view).pctTargetAfter},
	{name: "target-aim", shape: "a change set out to be made: \"aims for a 10% reduction in X\"",
		examples: []example{
			ex("The partnership aims for a 10% reduction in knife crime.", "knife_crime target_percent -10"),
			ex("The plan has an ambition of a 15% cut in robbery by 2026.", "robbery target_percent -15"),
			ex("The board is seeking a 5% fall in anti-social behaviour.", "antisocial_behaviour target_percent -5"),
			ex("The force is targeting a 20% increase in hate crime reporting.", "hate_crime target_percent 20"),
		},
		read: (*view).pctTargetAim},
	{name: "change-after", shape: "\"N% increase in X\", \"N% down\"",
		examples: []example{
			ex("There was a 12% increase in anti-social behaviour.", "antisocial_behaviour change_percent 12"),
			ex("Robbery is 20% down on last year.", "robbery change_percent -20"),
			ex("Police reported a 4.3% rise in domestic abuse.", "domestic_abuse change_percent 4.3"),
			ex("ASB had gone up, with a 14 percent increase in total, most of it reported to the council.", "antisocial_behaviour change_percent 14"),
			ex("Burglary rose 3%, with a 14% rise in non-residential ones.", "business_burglary change_percent 14"),
			ex("Robbery fell by 10%, including a 12% fall in personal ones.", "personal_robbery change_percent -12"),
			ex("Hate crime was up 8%, with a 20% increase in racist ones.", "hate_crime change_percent 20"),
			ex("A 25.5% reduction in residential burglaries is offset by a 14% rise in non-residential ones.", "residential_burglary change_percent -25.5", "business_burglary change_percent 14"),
			ex("There has been a 0.5% increase in the burglary solved rate."),
			ex("Burglary is 3% below target."),
			ex("Robbery was 5% above the target set by the board."),
			ex("Knife crime is 2% lower than target."),
			ex("The force saw a 2% rise in its positive outcome rate for robbery."),
			ex("Members noted a 3% fall in the detection rate for knife crime."),
		},
		read: (*view).pctChangeAfter},
	{name: "rate-after", shape: "\"N% rate of X\"",
		examples: []example{
			ex("Young people on the programme showed a 34% rate of reoffending.", "reoffending rate_percent 34"),
			ex("Burglary victims faced a 12% rate of repeat victimisation.", "burglary rate_percent 12"),
			ex("Among adults on probation there is a 26% rate of proven reoffending.", "reoffending rate_percent 26"),
		},
		read: (*view).pctRateAfter},
	{name: "detection-share", shape: "\"N% of X were solved\"",
		examples: []example{
			ex("64% of hate crimes were solved.", "hate_crime detection_rate_percent 64"),
			ex("Just 8% of burglaries were detected last year.", "burglary detection_rate_percent 8"),
			ex("Around 40% of robbery offences resulted in a charge.", "robbery detection_rate_percent 40"),
		},
		read: (*view).pctShareSolved},
	{name: "rate-share", shape: "\"N% of a group had/were X\": the share X describes",
		examples: []example{
			ex("She explained that 83% of offenders in the borough had re-offended.", "reoffending rate_percent 83"),
			ex("Around 12% of recorded offences were hate crimes.", "hate_crime rate_percent 12"),
			ex("Some 41% of young people on the scheme have reoffended within a year.", "reoffending rate_percent 41"),
			ex("About 30% of incidents reported were anti-social behaviour.", "antisocial_behaviour rate_percent 30"),
		},
		read: (*view).pctShareRate},
	{name: "percent-signed", shape: "a sign or an arrow on the number: \"X (+10%)\", \"X -7.7%\", \"X ↓ 12%\"",
		examples: []example{
			ex("Rape (+10%) and robbery (-4%) both moved.", "rape change_percent 10", "robbery change_percent -4"),
			ex("Burglary -7.7% on the previous year", "burglary change_percent -7.7"),
			ex("Knife crime: +26%", "knife_crime change_percent 26"),
			ex("Burglary ↓ 12%", "burglary change_percent -12"),
			ex("Robbery ↑ 8% on last year", "robbery change_percent 8"),
			ex("Shoplifting 233 (▼ 3.1%)", "shoplifting change_percent -3.1"),
		},
		read: (*view).pctSigned},
	{name: "rate-list-item", shape: "a list of rates: \"Detection rates: burglary 8%, robbery 14%\"",
		examples: []example{
			ex("Detection rates: burglary 8%, robbery 14%, vehicle crime 3%.", "robbery detection_rate_percent 14", "vehicle_crime detection_rate_percent 3"),
			ex("Solved rates for the quarter were: violence 21%, sexual offences 9%.", "sexual_offences detection_rate_percent 9"),
			ex("Charge rates: rape 4%, robbery 9% and burglary 5%.", "robbery detection_rate_percent 9", "burglary detection_rate_percent 5"),
		},
		read: (*view).pctRateListItem},
	{name: ruleRateBracketEarlier, shape: "a rate, then its earlier value in brackets: \"73.6% (68.9% in 2022/23)\"",
		examples: []example{
			ex("The detection rate for Group 1 had risen to 73.6% (68.9% in 2022/23).", "violence_against_the_person detection_rate_percent 68.9"),
			ex("The solved rate for burglary was 9.1% (last year 7.4%).", "burglary detection_rate_percent 7.4"),
			ex("The positive outcome rate for robbery is 12% (11%).", "robbery detection_rate_percent 11"),
		},
		read: (*view).pctRateEarlier},
	{name: "percent-bracket-after-change", shape: "a bare \"(N%)\" after a change in a count",
		examples: []example{
			ex("Hate crime went up by 41 offences (12%).", "hate_crime change_percent 12"),
			ex("Shoplifting rose from 145 to 167 (15%).", "shoplifting change_percent 15"),
			ex("Criminal damage decreased by 60 incidents (9.1%) this year.", "criminal_damage change_percent -9.1"),
			ex("There were reductions in burglary (12%), robbery (8%) and anti-social behaviour (3%).", "robbery change_percent -8", "antisocial_behaviour change_percent -3"),
		},
		read: (*view).pctBracketAfterChange},
	{name: "change-under-lead", shape: "a bare \"X (N%)\" or \"X N%\" under a lead line that gives the direction: \"Reductions were seen in:\"",
		examples: []example{
			ex("Reductions were seen in the following:\n• Burglary (12%)\n• Robbery 8%", "burglary change_percent -12", "robbery change_percent -8"),
			ex("Increases were recorded in:\n- Shoplifting (21%)\n- Vehicle crime (4%)", "shoplifting change_percent 21", "vehicle_crime change_percent 4"),
			ex("Crime types that have gone down this year:\n· Criminal damage 15%", "criminal_damage change_percent -15"),
		},
		read: (*view).pctUnderLead},
	{name: "change-before", shape: "a change word earlier in the clause: \"X had reduced by N%\", \"an increase of N%\"",
		examples: []example{
			ex("Theft from the person had risen 14% year on year.", "theft_from_person change_percent 14"),
			ex("We have seen an increase of 22% in vehicle crime.", "vehicle_crime change_percent 22"),
			ex("Violence with injury was down 3.2% over the period.", "violence_with_injury change_percent -3.2"),
		},
		read: (*view).pctChangeBefore},
	{name: "target-cue", shape: "\"target\" or \"aim\" earlier in the clause",
		examples: []example{
			ex("The target for burglary this year is 15%.", "burglary target_percent 15"),
			ex("The aim for ASB this year is 10%.", "antisocial_behaviour target_percent 10"),
			ex("For knife crime the target set by the board was 8%.", "knife_crime target_percent 8"),
		},
		read: (*view).pctTargetCue},
	{name: "rate-cue", shape: "a rate named earlier in the clause: \"the detection rate for X was N%\"",
		examples: []example{
			ex("The detection rate for robbery was 17.8%.", "robbery detection_rate_percent 17.8"),
			ex("The adult re-offending rate in Camden was 26.3%.", "reoffending rate_percent 26.3"),
			ex("The solvency rate was 71.4%.", "total_offences detection_rate_percent 71.4"),
			ex("The clear-up rate for housebreaking was 28%.", "burglary detection_rate_percent 28"),
		},
		read: (*view).pctRateCue},
}

// countRules read a plain number, tried in this order.
var countRules = []rule{
	{name: "hypothetical-count", shape: "a sentence that supposes (\"If there were 20 burglaries, ...\"): nothing",
		examples: []example{
			ex("If there were 20 burglaries on one street, residents would notice."),
			ex("Suppose the borough recorded 300 more offences; the rate would rise."),
			ex("If 50 victims of crime came forward, the team could not cope."),
		},
		read: (*view).anyHypothetical},
	{name: "count-casework", shape: "cases a team opened or managed, and numbers that explain (\"due to two incidents\"): nothing",
		examples: []example{
			ex("The ASB team had opened 327 new cases since April."),
			ex("The rise was largely due to two incidents in one street."),
			ex("Burglary rose because of 12 burglaries at one block."),
		},
		read: (*view).cntCasework},
	{name: "count-breakdown", shape: "a count, then \"M of which related to X\": a part of it, of its category or the subtype X names",
		examples: []example{
			ex("Officers recorded 60 hate incidents, 41 of which related to race and 7 of which related to disability.", "hate_crime count 41", "hate_crime count 7"),
			ex("There were 120 burglaries, 85 of which were dwellings.", "residential_burglary count 85"),
			ex("Police dealt with 300 offences, 45 of these were shoplifting.", "shoplifting count 45"),
			ex("Of these 29 incidents, 21 of them relate to shoplifting from commercial premises.", "shoplifting count 21"),
			ex("Assaults have fallen and 6 of the 15 reported incidents relate to domestic violence.", "domestic_abuse count 6"),
			ex("Of the 120 robberies, 85 were personal robberies.", "personal_robbery count 85"),
			ex("Of 300 violent crimes, 120 were domestic abuse related.", "domestic_abuse count 120"),
			ex("Of the 45 burglaries, 30 were residential.", "residential_burglary count 30"),
		},
		read: (*view).cntBreakdown},
	{name: "count-share-of", shape: "\"N of them\", \"N of which\": nothing, unless the share is placed",
		examples: []example{
			ex("There were 640 burglaries in the area, with 215 of these taking place in Kilburn.", "burglary count 215"),
			ex("Officers recorded 98 burglaries, 31 of them in Hampstead.", "burglary count 31"),
			ex("Police made 40 arrests for robbery, and 12 of them were charged."),
			ex("There had been a spate of catalytic converter thefts from vans, 23 of which had been reported since October.", "catalytic_converter_theft count 23"),
			ex("Shoplifting: 1,045 (+38%) – Banbury town centre accounted for 461 of these.", "shoplifting count 461"),
			ex("There were 412 burglaries; Edmonton Green accounted for 60 of them.", "burglary count 60"),
			ex("Robbery numbered 300, and Camden Town accounts for 120 of these.", "robbery count 120"),
		},
		read: (*view).cntShareOf},
	{name: "per-1000-after", shape: "\"N crimes per 1,000 population\"",
		examples: []example{
			ex("Camden recorded 30.9 crimes per 1,000 population.", "total_offences rate_per_1000 30.9"),
			ex("There were 12.4 burglaries per 1000 households.", "burglary rate_per_1000 12.4"),
			ex("ASB ran at 45 incidents per thousand residents.", "antisocial_behaviour rate_per_1000 45"),
		},
		read: (*view).cntPerThousand},
	{name: "change-count-noun", shape: "\"N fewer offences\", \"N more burglaries\"",
		examples: []example{
			ex("Burglary fell by 39% (989 fewer offences).", "burglary change_count -989"),
			ex("There were 128 more robberies than last year.", "robbery change_count 128"),
			ex("Officers recorded 54 fewer thefts from vehicles.", "vehicle_crime change_count -54"),
			ex("There have been 300 less victims of crime than at this time last year.", "total_offences change_count -300"),
		},
		read: (*view).cntFewerNoun},
	{name: "change-count-compared", shape: "\"N offences lower than last year\", \"N crimes up on\"",
		examples: []example{
			ex("Robbery is 23 offences lower than last year.", "robbery change_count -23"),
			ex("Burglary was 41 crimes higher than the same period last year.", "burglary change_count 41"),
			ex("Shoplifting stands at 15 offences above last year.", "shoplifting change_count 15"),
			ex("Hate crime was 12 incidents down on last year.", "hate_crime change_count -12"),
			ex("Knife crime is 9 offences below the previous year.", "knife_crime change_count -9"),
		},
		read: (*view).cntNounCompared},
	{name: "change-count-than", shape: "a count, then \"N fewer than\"",
		examples: []example{
			ex("There were 1,870 burglaries, 203 fewer than in 2022.", "burglary change_count -203"),
			ex("Police logged 4,512 ASB incidents, 312 fewer than the same period last year.", "antisocial_behaviour change_count -312"),
			ex("Shoplifting reached 950 offences, 85 more than the year before.", "shoplifting change_count 85"),
		},
		read: (*view).cntFewerThan},
	{name: "change-count-lead", shape: "\"reduced by N offences\", \"an increase of N crimes\"",
		examples: []example{
			ex("Robbery reduced by 39 offences over the year.", "robbery change_count -39"),
			ex("There was an increase of 50 crimes in the town centre.", "total_offences change_count 50"),
			ex("Vehicle crime is down 20 offences on last year.", "vehicle_crime change_count -20"),
			ex("Criminal damage has risen by 5.5 per cent, an additional 61 crimes.", "criminal_damage change_count 61"),
			ex("The quarter saw an extra 12 burglaries in the north of the borough.", "burglary change_count 12"),
		},
		read: (*view).cntChangeLead},
	{name: "count-bracket-from-to", shape: "a change, then the levels it went between in brackets: \"(A offences to B)\"",
		examples: []example{
			ex("Burglary had increased by 6.7% (3935 offences to 4199).", "burglary count 3935"),
			ex("Shoplifting was down 12% (1,420 to 1,250) on last year.", "shoplifting count 1420"),
			ex("Vehicle crime rose 4.1% (880 crimes to 916) in the year.", "vehicle_crime count 880"),
		},
		read: (*view).cntBracketFromTo},
	{name: "change-count-completes", shape: "a change, then its size in counts: \"(or N offences)\"",
		examples: []example{
			ex("Vehicle crime decreased by 7.1% (or 240 offences).", "vehicle_crime change_count -240"),
			ex("Robbery rose 6%, some 40 offences.", "robbery change_count 40"),
			ex("Hate crime fell 11% (around 30 offences).", "hate_crime change_count -30"),
			ex("Vehicle crime saw a 10.3% rise (3.3k offences).", "vehicle_crime change_count 3300"),
		},
		read: (*view).cntCompletesChange},
	{name: "change-count-signed-aside", shape: "a change, then its size alone and signed in brackets: \"down 9.6% (-148)\"",
		examples: []example{
			ex("Anti-social behaviour incidents were down 9.6% (-148).", "antisocial_behaviour change_count -148"),
			ex("Shoplifting was up 12% (+45) on the previous year.", "shoplifting change_count 45"),
			ex("Vehicle crime fell 3.1% (−22).", "vehicle_crime change_count -22"),
			ex("Robbery rose 5% (-2) in the quarter."),
		},
		read: (*view).cntSignedAside},
	{name: ruleCountBracketEarlier, shape: "a count, then the earlier period's in brackets: \"45 (previous year 61)\"",
		examples: []example{
			ex("Residential burglaries – 45 (previous year 61).", "residential_burglary count 61"),
			ex("Robbery 120 (2022/23: 131)", "robbery count 131"),
			ex("There were 88 hate crimes (last year 64).", "hate_crime count 64"),
		},
		read: (*view).cntBracketEarlier},
	{name: "change-count-aside", shape: "a change with no size, then its size in brackets: \"an increase in X (N cases)\"",
		examples: []example{
			ex("A small increase in violent crime (10 cases over last year) was reported.", "violence_against_the_person change_count 10"),
			ex("There has been a reduction in shoplifting (45 offences) since the summer.", "shoplifting change_count -45"),
			ex("Members noted a rise in hate crime (12 incidents on the year).", "hate_crime change_count 12"),
		},
		read: (*view).cntChangeAside},
	{name: "signups-after", shape: "\"N residents had signed up to OWL\"",
		examples: []example{
			ex("Approximately 17,000 residents had signed up to OWL.", "online_watch_link signups 17000"),
			ex("Some 2,300 households have registered with Neighbourhood Watch.", "neighbourhood_watch signups 2300"),
			ex("More than 900 businesses joined the OWL scheme this year.", "online_watch_link signups 900"),
			ex("Neighbourhood Watch was praised. Since May, 1,200 residents have joined.", "neighbourhood_watch signups 1200"),
		},
		read: (*view).cntSignupsAfter},
	{name: "signups-before", shape: "\"membership of X stood at N\"",
		examples: []example{
			ex("Membership of OWL stood at 12,500 residents.", "online_watch_link signups 12500"),
			ex("Neighbourhood Watch membership is now 4,100.", "neighbourhood_watch signups 4100"),
			ex("The number of OWL members reached 6,750 households.", "online_watch_link signups 6750"),
			ex("Neighbourhood Watch schemes are run by volunteers. Their membership now stands at 1,824.", "neighbourhood_watch signups 1824"),
		},
		read: (*view).cntSignupsBefore},
	{name: "change-count-bracket", shape: "a count, then a signed \"(+N)\"",
		examples: []example{
			ex("Business robbery: 64 offences (+9).", "business_robbery change_count 9"),
			ex("Residential burglary 412 offences (-38)", "residential_burglary change_count -38"),
			ex("Knife crime stood at 210 offences (+12) this year.", "knife_crime change_count 12"),
		},
		read: (*view).cntSignedBracket},
	{name: "count-of-which", shape: "a count, then \"of which N were X\"",
		examples: []example{
			ex("Police recorded 1,200 hate crimes, of which 512 were racist and religious hate crimes.", "hate_crime count 512"),
			ex("There were 410 robberies, of which 96 were in Camden Town.", "robbery count 96"),
			ex("Officers dealt with 3,000 offences, of which 450 were domestic abuse.", "domestic_abuse count 450"),
			ex("There were 45 burglaries in October, of which 30 were residential ones.", "residential_burglary count 30"),
			ex("Police recorded 96 robberies, of which 60 were personal.", "personal_robbery count 60"),
			ex("Violence against the person: 4,386 (+8.1%); of which DA-flagged 1,211", "domestic_abuse count 1211"),
			ex("There were 1,200 burglaries, of which residential burglary 870.", "residential_burglary count 870"),
		},
		read: (*view).cntOfWhich},
	{name: rulePer1000Compared, shape: "a rate per 1,000, then \"compared with M\"",
		examples: []example{
			ex("Camden's crime rate was 121.3 crimes per 1,000 population, compared with 94.2 across London.", "total_offences rate_per_1000 94.2"),
			ex("Burglary ran at 8.1 offences per 1,000 households against 6.5 in the county.", "burglary rate_per_1000 6.5"),
			ex("Violence stood at 25.2 per 1,000 residents, versus 22.8 nationally.", "violence_against_the_person rate_per_1000 22.8"),
			ex("Crime was 48.7 per 1,000 population, compared with 72.1 across Sussex and 63.0 in neighbouring Lewes.", "total_offences rate_per_1000 72.1", "total_offences rate_per_1000 63"),
		},
		read: (*view).cntCompared},
	{name: "change-count-understood", shape: "\"X had fallen by N\", noun understood",
		examples: []example{
			ex("Criminal damage had fallen by 312 (-9.5%) since April.", "criminal_damage change_count -312"),
			ex("Robbery saw a reduction of 41 on the previous year.", "robbery change_count -41"),
			ex("Shoplifting has increased by 73 compared to last year.", "shoplifting change_count 73"),
		},
		read: (*view).cntChangeUnderstood},
	{name: "count-level-reached", shape: "\"X had risen to N\", \"up N% to M\"",
		examples: []example{
			ex("Robbery rose 6.2% to 842 over the year.", "robbery count 842"),
			ex("Anti-social behaviour incidents were up slightly at 2,389 (+71).", "antisocial_behaviour count 2389"),
			ex("Reports of domestic abuse have increased to almost 2,000.", "domestic_abuse count 2000"),
			ex("Shoplifting rose to around 950 over the year.", "shoplifting count 950"),
			ex("Serious assaults had fallen to eleven.", "violence_with_injury count 11"),
			ex("Possession of weapons offences had risen by 14% to 296.", "possession_of_weapons count 296"),
			ex("Business burglary rose in the north, and the town had seen an increase to 138 cases from 94.", "business_burglary count 138"),
			ex("Hitchin had seen a decrease in thefts from vehicles. Letchworth had seen an increase to 271 from 235.", "vehicle_crime count 271"),
		},
		read: (*view).cntLevelReached},
	{name: ruleCountRow, shape: "a short line: a category then its number",
		examples: []example{
			ex("Residential burglary      412    (-14%)", "residential_burglary count 412"),
			ex("Shoplifting 233", "shoplifting count 233"),
			ex("Robbery 97 (+5%)", "robbery count 97"),
			ex("Vehicle crime, 2,198 (down 1%)", "vehicle_crime count 2198"),
			ex("Shoplifting 2,385 (up 12%)", "shoplifting count 2385"),
			ex("The main offences were vehicle crime 2,385 (up 12%); common assault, 2,198 (up 24%); and shoplifting 1,612 (down 23%).",
				"vehicle_crime count 2385", "violence_without_injury count 2198", "shoplifting count 1612"),
			ex("Top categories: burglary 410; robbery 96; criminal damage 388.", "burglary count 410", "robbery count 96", "criminal_damage count 388"),
			ex("Housebreaking (dwellings) 145, down 20.4% on the five-year average.", "burglary count 145"),
			ex("Theft from motor vehicles - 204 - down 9%", "vehicle_crime count 204"),
			ex("Residential burglary – 87 – up 4% on last year", "residential_burglary count 87"),
			ex("Hate crime – 52 – decreased by 3 offences", "hate_crime count 52"),
			ex("Total notifiable offences (TNO) 20,345, -2.3%", "total_offences count 20345"),
			ex("Residential burglary 1,203, +4.5%", "residential_burglary count 1203"),
			ex("Robbery – 311 – −12%", "robbery count 311"),
			ex("Violence against women and girls offences – 1,322, an increase of 4.4%", "vawg count 1322"),
			ex("Shoplifting, 845, a fall of 3%", "shoplifting count 845"),
			ex("Robbery 45 v 61 last year", "robbery count 45"),
			ex("The main volumes were burglary 412 (+3%), vehicle crime 1,340 (+4%) and criminal damage 3,472 (-6%).", "burglary count 412", "vehicle_crime count 1340", "criminal_damage count 3472"),
			ex("TNOs in Lambeth 38,120, +4.2%", "total_offences count 38120"),
			ex("Residential burglary 301 vs 287", "residential_burglary count 301"),
			ex("Hate crime 52 versus 40 in 2023", "hate_crime count 52"),
		},
		read: (*view).cntRowNoHeader},
	{name: ruleCountPeriodLabelled, shape: "\"X: 2022/23 – N; 2023/24 – M\", \"X 2023: N, 2024: M\"",
		examples: []example{
			ex("Robbery: 2022/23 – 410; 2023/24 – 455", "robbery count 410", "robbery count 455"),
			ex("Burglary 2023: 145, 2024: 112", "burglary count 145", "burglary count 112"),
			ex("Hate crime incidents (2022: 61; 2023: 74)", "hate_crime count 61", "hate_crime count 74"),
		},
		read: (*view).cntPeriodLabelled},
	{name: "count-label-colon", shape: "\"X: N\"",
		examples: []example{
			ex("Antisocial behaviour incidents: 21,407", "antisocial_behaviour count 21407"),
			ex("Shoplifting: 1,032, an increase of 18%.", "shoplifting count 1032"),
			ex("Total crime: 14,220 this year.", "total_offences count 14220"),
		},
		read: (*view).cntLabelColon},
	{name: "count-of-the", shape: "\"N of the X offences\"",
		examples: []example{
			ex("Camden accounted for 1,103 of the MOPAC 7 offences.", "mopac_7 count 1103"),
			ex("Young people committed 210 of the robbery offences recorded.", "robbery count 210"),
			ex("Kentish Town saw 40 of the burglaries this month.", "burglary count 40"),
		},
		read: (*view).cntOfThe},
	{name: "count-recorded", shape: "\"X ... N recorded\"",
		examples: []example{
			ex("Robbery remains low, with just 31 reported.", "robbery count 31"),
			ex("Thefts of bicycles were low with 58 recorded in the quarter.", "bicycle_theft count 58"),
			ex("Rape saw 14 reported this month.", "rape count 14"),
		},
		read: (*view).cntRecorded},
	{name: "count-noun", shape: "\"N offences\", \"N cases of X\", \"N burglaries\"",
		examples: []example{
			ex("There were 393 cases of residential burglary.", "residential_burglary count 393"),
			ex("Police recorded 811 offences in the year.", "total_offences count 811"),
			ex("Burglary offences had increased by 429. The total now stood at 2250 offences.", "burglary count 2250"),
			ex("There were four reports of ASB on the estate.", "antisocial_behaviour count 4"),
			ex("Neighbourhood Watch schemes are run by volunteers. There were 124 schemes in the town.", "neighbourhood_watch count 124"),
			ex("Burglary averaged 2.5 offences a day."),
			ex("The figures for hate crime were then presented. 92 incidents had been reported since June.", "hate_crime count 92"),
			ex("There were 23 housebreakings in the Banff area.", "burglary count 23"),
			ex("The division recorded 12 arsons and 5 woundings.", "criminal_damage count 12", "violence_with_injury count 5"),
		},
		read: (*view).cntNoun},
	{name: "count-bracketed", shape: "a category, then its count alone in brackets: \"burglaries (56)\"",
		examples: []example{
			ex("Chase ward had the highest number of burglaries (56).", "burglary count 56"),
			ex("The highest volume crimes were shoplifting (1,203), violence with injury (987) and residential burglary (456).",
				"shoplifting count 1203", "violence_with_injury count 987", "residential_burglary count 456"),
			ex("Hate crime (32) remained stable.", "hate_crime count 32"),
			ex("The ward saw a rise in robbery (14)."),
		},
		read: (*view).cntBracketed},
	{name: "per-1000-before", shape: "\"the rate per 1,000 population was N\"",
		examples: []example{
			ex("The crime rate per 1,000 population was 72.4.", "total_offences rate_per_1000 72.4"),
			ex("Burglary per 1,000 households is 9.3.", "burglary rate_per_1000 9.3"),
			ex("The violence rate per 1000 residents stood at 21.7.", "violence_against_the_person rate_per_1000 21.7"),
		},
		read: (*view).cntPerThousandBefore},
	{name: "count-stated", shape: "\"X stood at N\", \"X were N\", \"a total of N\"",
		examples: []example{
			ex("Domestic abuse crimes numbered 2,417 in 2023.", "domestic_abuse count 2417"),
			ex("ASB calls were 6,210, down 11% on last year.", "antisocial_behaviour count 6210"),
			ex("Recorded crime is running at 328 this year.", "total_offences count 328"),
			ex("Group 1-5 crimes recorded 4,120, down 3.2% on last year.", "total_offences count 4120"),
		},
		read: (*view).cntStated},
	{name: "count-word-number", shape: "a number in words no rule above read: nothing",
		examples: []example{
			ex("Burglary patrols ran from two to five in the afternoon."),
			ex("The team met two residents about burglary."),
			ex("Robbery was discussed at three meetings."),
		},
		read: (*view).cntWordNumber},
	{name: "count-from-to", shape: "\"X from N to M\": the first",
		examples: []example{
			ex("Vehicle crime rose from 162 to 314.", "vehicle_crime count 162"),
			ex("Burglary fell from 1,020 to 884 offences.", "burglary count 1020"),
			ex("Hate crime increased from 75 to 98 over the year.", "hate_crime count 75"),
			ex("The crime rate rose from 62.1 to 66.4 crimes per 1,000 population.", "total_offences rate_per_1000 62.1"),
			ex("The rise in Munster is a rise from 1 to 20 knife crime offences.", "knife_crime count 1"),
			ex("Hate crime rose from nine to fourteen.", "hate_crime count 9"),
			ex("Robberies in the ward fell from six to 2.", "robbery count 6"),
		},
		read: (*view).cntFromTo},
	{name: ruleCountComparedSecond, shape: "a count, then \"vs M\", \"compared with M\": the second",
		examples: []example{
			ex("Recorded crime was 328 this year vs 309 last year.", "total_offences count 309"),
			ex("There were 25 drug offences this year against 15 in 2022.", "drug_offences count 15"),
			ex("Burglary stood at 328 in March versus 309 in February.", "burglary count 309"),
			ex("Burglary figures stood at 312 against last year's figure of 356.", "burglary count 356"),
			ex("Robbery 45 v 61 last year", "robbery count 61"),
		},
		read: (*view).cntComparedSecond},
}

// wordRules read changes written as words.
var wordRules = []rule{
	{name: ruleMultiplier, shape: "\"X had halved\", \"X doubled\"",
		examples: []example{
			ex("Levels of gun crime had been halved.", "gun_crime change_percent -50"),
			ex("ASB on the estate has doubled.", "antisocial_behaviour change_percent 100"),
			ex("Shoplifting has trebled since 2020.", "shoplifting change_percent 200"),
		},
	},
	{name: ruleFraction, shape: "\"X fell by a third\", \"reduced by half\"",
		examples: []example{
			ex("Thefts of catalytic converters were down by a third.", "catalytic_converter_theft change_percent -33.33"),
			ex("Robbery has reduced by half.", "robbery change_percent -50"),
			ex("Burglary rose by a quarter over the year.", "burglary change_percent 25"),
			ex("Anti-social behaviour reports had fallen by almost a fifth.", "antisocial_behaviour change_percent -20"),
			ex("ASB calls to police fell by just over a third.", "antisocial_behaviour change_percent -33.33"),
			ex("Shoplifting has risen by just under a quarter.", "shoplifting change_percent 25"),
			ex("Vehicle crime is down by well over half.", "vehicle_crime change_percent -50"),
		},
	},
}

// tableRules read flattened tables.
var tableRules = []rule{
	{name: ruleTableRows, shape: "a header row of columns, then rows of cells split by | or tabs",
		examples: []example{
			ex("Crime type | 2022/23 | 2023/24 | % change\nBurglary | 1,020 | 884 | -13.3%\nRobbery | 410 | 455 | +11%", "burglary count 1020", "burglary count 884", "burglary change_percent -13.3", "robbery count 410", "robbery count 455", "robbery change_percent 11"),
			ex("Offence\tLast year\tThis year\nShoplifting\t812\t950", "shoplifting count 812", "shoplifting count 950"),
			ex("| Category | Detection rate | Target |\n|---|---|---|\n| Robbery | 17.8% | 20% |", "robbery detection_rate_percent 17.8", "robbery target_percent 20"),
			ex("MOPAC 7 offence\tFYTD 14/15\t% change\nBurglary\t1,884\t-14.2%\nRobbery\t512\t-27.0%", "burglary count 1884", "burglary change_percent -14.2", "robbery count 512", "robbery change_percent -27"),
			ex("Burglary type | 2023 | 2024\nResidential burglary | 301 | 287\nBusiness burglary | 96 | 104", "residential_burglary count 301", "residential_burglary count 287", "business_burglary count 96", "business_burglary count 104"),
			ex("Violent crime breakdown | Q1 | Q2\nViolence with injury | 220 | 241", "violence_with_injury count 220", "violence_with_injury count 241"),
		},
	},
	{name: ruleTableCells, shape: "a header one cell a line, then rows one cell a line",
		examples: []example{
			ex("Crime type\nThis year\nLast year\nBurglary\n884\n1,020\nRobbery\n455\n410", "burglary count 884", "burglary count 1020", "robbery count 455", "robbery count 410"),
			ex("Offence\n% change\nShoplifting\n+12%\nRobbery\n-4%", "shoplifting change_percent 12", "robbery change_percent -4"),
			ex("Category\nDetection rate\nRobbery\n17.8%\nBurglary\n9%", "robbery detection_rate_percent 17.8", "burglary detection_rate_percent 9"),
		},
	},
	{name: ruleTableSpaced, shape: "a header of column names with single spaces, then rows of a name and its values",
		examples: []example{
			ex("Here are the year on year changes:\nWard Burglary Robbery\nCentral +12% -3%\nHigh Street North +40% +8%",
				"burglary change_percent 12", "robbery change_percent -3", "burglary change_percent 40", "robbery change_percent 8"),
			ex("Crime type 2022/23 2023/24 Change\nBurglary 1,020 884 -136\nShoplifting 640 702 62",
				"burglary count 1020", "burglary count 884", "burglary change_count -136",
				"shoplifting count 640", "shoplifting count 702", "shoplifting change_count 62"),
			ex("Offence Last year This year\nBurglary 410 380\nResidential 300 270\nRobbery 120 131",
				"burglary count 410", "burglary count 380", "residential_burglary count 300", "residential_burglary count 270",
				"robbery count 120", "robbery count 131"),
		}},
}
