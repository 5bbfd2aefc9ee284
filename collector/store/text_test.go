package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/minutes-exporter/minutes_exporter/parser"
)

func TestTextsAndDocumentByID(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, d := range []Document{doc("a.txt", 1, "burglary fell in Barnet"), doc("b.txt", 2, "robbery fell")} {
		if err := s.Put(ctx, d, []parser.Figure{fig("burglary", -1), fig("robbery", -2)}); err != nil {
			t.Fatal(err)
		}
	}
	docs, err := s.Documents(ctx, DocumentFilter{})
	if err != nil || len(docs) != 2 {
		t.Fatalf("Documents: %v, %d", err, len(docs))
	}
	a, b := docs[0], docs[1]

	texts, err := s.Texts(ctx, []int64{b.ID, a.ID, 1 << 40})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(map[int64]string{a.ID: "burglary fell in Barnet", b.ID: "robbery fell"}, texts); diff != "" {
		t.Errorf("Texts (-want +got):\n%s", diff)
	}
	if texts, err := s.Texts(ctx, nil); err != nil || len(texts) != 0 {
		t.Errorf("Texts(nil) = %v, %v; want none", texts, err)
	}

	got, err := s.DocumentByID(ctx, b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Address != "b.txt" || got.Text != "robbery fell" || got.Figures != 2 || got.MeetingDate != b.MeetingDate || got.Board != "SCPB" {
		t.Errorf("DocumentByID(%d) = %+v", b.ID, got)
	}
	if !got.WithdrawnAt.IsZero() {
		t.Errorf("DocumentByID(%d) of a document in its source: withdrawn at %v", b.ID, got.WithdrawnAt)
	}
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	if _, _, err := s.SetCurrent(ctx, b.Source, []string{"a.txt"}, at); err != nil {
		t.Fatal(err)
	}
	if got, err := s.DocumentByID(ctx, b.ID); err != nil || !got.WithdrawnAt.Equal(at) {
		t.Errorf("DocumentByID(%d) once withdrawn: withdrawn at %v, %v; want %v", b.ID, got.WithdrawnAt, err, at)
	}
	if _, err := s.DocumentByID(ctx, 1<<40); !errors.Is(err, ErrNoDocument) {
		t.Errorf("DocumentByID of no document: %v, want ErrNoDocument", err)
	}

	figs, err := s.Figures(ctx, FigureFilter{Documents: []int64{b.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(figs) != 2 || figs[0].Address != "b.txt" || figs[1].Address != "b.txt" {
		t.Errorf("figures of document %d: %+v", b.ID, figs)
	}
}
