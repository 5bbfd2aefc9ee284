// Package storetest provides what tests of a store file need beside the
// store itself: CorruptPages spoils a closed store past its schema, as
// a disk or a copy gone wrong can.
package storetest

import (
	"os"
	"testing"
)

// CorruptPages scribbles over every page of the closed store at path
// after the first, where SQLite keeps the schema, and returns the file as
// it is now: Open still reads the store's schema, and its check of the
// whole file fails. The store's write-ahead log, if any, is removed
// first, so that the pages scribbled over are the store's.
func CorruptPages(tb testing.TB, path string) []byte {
	tb.Helper()
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	// The header's page size, big-endian at offset 16 (1 for 65536).
	pageSize := int(data[16])<<8 | int(data[17])
	if pageSize == 1 {
		pageSize = 65536
	}
	if len(data) < 2*pageSize {
		tb.Fatalf("a store of %d bytes in pages of %d has no page past its schema", len(data), pageSize)
	}
	for i := pageSize; i < len(data); i++ {
		data[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return data
}
