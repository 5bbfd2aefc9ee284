package collector

import (
	"strings"
	"testing"
	"time"
)

func TestHeadingDate(t *testing.T) {
	tests := []struct {
		name, text string
		want       time.Time
	}{
		{"ModernGov heading", "Safer Communities Partnership Board - Friday 29th November, 2024 10.00 am\n", time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)},
		{"US order", "November 29, 2024 View on council website", time.Date(2024, 11, 29, 0, 0, 0, 0, time.UTC)},
		{"slashes are day first", "Meeting held on 08/09/2021 at 7pm", time.Date(2021, 9, 8, 0, 0, 0, 0, time.UTC)},
		{"first date wins", "Minutes of 3 March 2022. Next meeting 14 July 2022.", time.Date(2022, 3, 3, 0, 0, 0, 0, time.UTC)},
		{"no date", "Burglary had reduced by 39% (989 fewer offences).", time.Time{}},
		{"impossible date", "31 February 2022", time.Time{}},
		{"date past the heading", strings.Repeat("x ", headingLen) + "1 May 2020", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := headingDate(tt.text); !got.Equal(tt.want) {
				t.Errorf("headingDate: -want %v +got %v", tt.want, got)
			}
		})
	}
}
