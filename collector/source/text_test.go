package source

import (
	"errors"
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	tests := []struct {
		name      string
		doc       Document
		wantText  string
		wantTitle string
		wantErr   error
		wantMsg   string
	}{
		{
			name:     "plain",
			doc:      Document{Address: "a.txt", ContentType: "text/plain", Body: []byte("Burglary fell by 39%.\n")},
			wantText: "Burglary fell by 39%.\n",
		},
		{
			name:      "html",
			doc:       Document{Address: "a.html", ContentType: "text/html", Body: []byte("<title>Minutes</title><p>Burglary fell.</p>")},
			wantText:  "Burglary fell.\n",
			wantTitle: "Minutes",
		},
		{
			name:     "invalid UTF-8 replaced",
			doc:      Document{Address: "a.txt", ContentType: "text/plain", Body: []byte("caf\xe9 crime fell by 5%")},
			wantText: "caf\uFFFD crime fell by 5%",
		},
		{
			name:    "binary served as text",
			doc:     Document{Address: "x.bin", ContentType: "text/plain", Body: []byte("PK\x03\x04\x00\x00\x08\x00binary")},
			wantErr: ErrBinary, wantMsg: "x.bin",
		},
		{
			name:    "binary served as html",
			doc:     Document{Address: "x.html", ContentType: "text/html", Body: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")},
			wantErr: ErrBinary, wantMsg: "x.html",
		},
		{
			name:    "unknown media type",
			doc:     Document{Address: "x.jpg", ContentType: "image/jpeg", Body: []byte("\xff\xd8\xff")},
			wantErr: ErrBinary, wantMsg: `"image/jpeg"`,
		},
		{
			name:    "empty",
			doc:     Document{Address: "e.txt", ContentType: "text/plain"},
			wantMsg: "e.txt: empty body",
		},
		{
			name:    "html without text",
			doc:     Document{Address: "e.html", ContentType: "text/html", Body: []byte("<script>x()</script>")},
			wantMsg: "e.html: no text",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, title, err := Text(tt.doc)
			if tt.wantMsg != "" || tt.wantErr != nil {
				if err == nil || !strings.Contains(err.Error(), tt.wantMsg) || (tt.wantErr != nil && !errors.Is(err, tt.wantErr)) {
					t.Fatalf("Text error = %v, want %v containing %q", err, tt.wantErr, tt.wantMsg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if text != tt.wantText || title != tt.wantTitle {
				t.Errorf("Text = %q, %q; want %q, %q", text, title, tt.wantText, tt.wantTitle)
			}
		})
	}
}
