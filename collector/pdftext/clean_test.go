package pdftext

import "testing"

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		name, raw, want string
	}{
		{
			name: "running header and page numbers dropped",
			raw: "Safer Partnership Board 12 May 2024\n\nBurglary fell by 10%.\n\nPage 1 of 2\n\f" +
				"Safer Partnership Board 12 May 2024\n\nRobbery rose by 5%.\n\nPage 2 of 2\n\f",
			// Both bodies are as wide as the widest line: they may have wrapped.
			want: "Burglary fell by 10%. Robbery rose by 5%.\n",
		},
		{
			name: "a single page keeps its first and last lines",
			raw:  "Minutes\n\nBurglary fell by 10%.\n\n1\n\f",
			want: "Minutes\n\nBurglary fell by 10%.\n\n1\n",
		},
		{
			name: "a line on only some pages stays",
			raw:  "Header\nItem 1 Burglary\n\nbody one\n\fHeader\nItem 2 Robbery\n\nbody two\n\fHeader\n\nbody three\n\f",
			want: "Item 1 Burglary\n\nbody one Item 2 Robbery\n\nbody two body three\n",
		},
		{
			name: "hyphenated line break joined",
			raw: "The number of residential burglaries had fallen by nine per cent over the twelve\n" +
				"months and the number of recorded of-\nfences by two per cent compared to last year.\n",
			want: "The number of residential burglaries had fallen by nine per cent over the twelve months and the number of recorded offences by two per cent compared to last year.\n",
		},
		{
			name: "hyphen before a capital or digit stays",
			raw: "The borough's figures for the quarter April to June showed a clear fall in Anti-\n" +
				"Social Behaviour calls and in the period covering the two years from 2019-\n2021 overall.\n",
			want: "The borough's figures for the quarter April to June showed a clear fall in Anti- Social Behaviour calls and in the period covering the two years from 2019- 2021 overall.\n",
		},
		{
			name: "short line ends a paragraph",
			raw: "Burglary had reduced by 39% (989 fewer offences) compared with the same period.\n" +
				"Thanks were given.\n" +
				"Robbery had reduced by 44.7% (355 fewer offences) compared with the same period.\n",
			want: "Burglary had reduced by 39% (989 fewer offences) compared with the same period. " +
				"Thanks were given.\n" +
				"Robbery had reduced by 44.7% (355 fewer offences) compared with the same period.\n",
		},
		{
			name: "bullets stay on their own lines",
			raw: "With regard to the performance of the partnership in the year to date it was noted that:\n" +
				"• Burglary had reduced by 39% (989 fewer offences) compared with the year before;\n" +
				"• Robbery had reduced by 44.7% (355 fewer offences) compared with the year before.\n",
			want: "With regard to the performance of the partnership in the year to date it was noted that:\n" +
				"• Burglary had reduced by 39% (989 fewer offences) compared with the year before;\n" +
				"• Robbery had reduced by 44.7% (355 fewer offences) compared with the year before.\n",
		},
		{
			name: "no text",
			raw:  "\f\f\n\f",
			want: "\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Clean(tc.raw); got != tc.want {
				t.Errorf("Clean() mismatch\n-want %q\n+got  %q", tc.want, got)
			}
		})
	}
}
