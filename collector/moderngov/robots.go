package moderngov

import (
	"regexp"
	"strings"
)

// robotsRules are the Allow and Disallow lines of the robots.txt group that
// applies to us (RFC 9309). The zero value allows everything.
type robotsRules struct {
	rules []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
	re      *regexp.Regexp
}

// parseRobots reads robots.txt and keeps the rules of the groups naming
// agent (matched case-insensitively as a substring of the product token),
// or of the "*" groups when none does.
func parseRobots(body, agent string) robotsRules {
	agent = strings.ToLower(agent)
	var mine, star []robotsRule
	var agents []string
	inRules := false // whether the current group's user-agent lines ended
	for _, line := range strings.Split(body, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if inRules {
				agents, inRules = nil, false
			}
			agents = append(agents, strings.ToLower(value))
		case "allow", "disallow":
			inRules = true
			if value == "" {
				continue // "Disallow:" with nothing allows everything
			}
			r := robotsRule{allow: key == "allow", pattern: value, re: robotsPattern(value)}
			for _, a := range agents {
				switch {
				case a == "*":
					star = append(star, r)
				case a != "" && strings.Contains(agent, a):
					mine = append(mine, r)
				}
			}
		}
	}
	if mine != nil {
		return robotsRules{rules: mine}
	}
	return robotsRules{rules: star}
}

// robotsPattern compiles a path pattern in which * matches any characters
// and a final $ anchors the end, ignoring case.
func robotsPattern(p string) *regexp.Regexp {
	anchored := strings.HasSuffix(p, "$")
	p = strings.TrimSuffix(p, "$")
	parts := strings.Split(p, "*")
	for i := range parts {
		parts[i] = regexp.QuoteMeta(parts[i])
	}
	// IIS, which serves ModernGov, ignores the case of paths, so a rule
	// must too or "/MGWEBSERVICE.ASMX" would slip past "/mgWebService.asmx".
	expr := "(?i)^" + strings.Join(parts, ".*")
	if anchored {
		expr += "$"
	}
	return regexp.MustCompile(expr)
}

// allowed reports whether path (with its query) may be fetched: the longest
// matching rule decides, Allow winning a tie.
func (r robotsRules) allowed(path string) bool {
	best, allow := -1, true
	for _, rule := range r.rules {
		if !rule.re.MatchString(path) {
			continue
		}
		if n := len(rule.pattern); n > best || (n == best && rule.allow) {
			best, allow = n, rule.allow
		}
	}
	return allow
}
