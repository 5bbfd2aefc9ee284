package parser

// Parse returns every figure in text, in the order their numbers appear.
func Parse(text string, opts Options) []Figure {
	return nil
}

// DetectBorough returns the council whose minutes text most likely are: the
// council or borough it names most, or "" when it names none.
func DetectBorough(text string) string {
	return ""
}
