package source

import "time"

// DateFrom says where a document's meeting date came from, most trusted
// first. It is stored with the document so that a dashboard reader can tell
// a date a council published from one the exporter had to guess.
type DateFrom string

// The places a meeting date can come from.
const (
	// DateManifest is a date from a folder's manifest.yaml.
	DateManifest DateFrom = "manifest"
	// DateModernGov is a date from a ModernGov meeting's metadata.
	DateModernGov DateFrom = "moderngov"
	// DateHeading is a date stated in the document's heading.
	DateHeading DateFrom = "heading"
	// DateMtime is the file's modification time or the page's
	// Last-Modified header.
	DateMtime DateFrom = "mtime"
	// DateFetched is the time the document was fetched: the last resort.
	DateFetched DateFrom = "fetched"
)

// Document is one document of minutes as a source delivers it: its bytes
// and whatever the source knows about it. The collector turns Body into text
// (see Text), fills in a missing meeting date and borough, and parses it.
type Document struct {
	// Source is the configured name of the source that delivered it.
	Source string
	// Address is where the document was read from: a URL, or a file path
	// relative to the dir source's folder prefixed with that folder. It
	// identifies the document within its source across refreshes.
	Address string
	// Title is a human name for the document, or "".
	Title string
	// Body is the document's content as fetched.
	Body []byte
	// ContentType is the media type of Body, without parameters, e.g.
	// "text/html", "text/plain" or "application/pdf".
	ContentType string
	// MeetingDate is the date of the meeting the minutes record, or the zero
	// time when the source does not know it.
	MeetingDate time.Time
	// DateFrom says where MeetingDate came from; "" when it is zero.
	DateFrom DateFrom
	// ModTime is the file's modification time or the page's Last-Modified
	// time, or zero. It is the meeting date of last resort but one.
	ModTime time.Time
	// Borough is the council whose minutes these are, or "" to detect it
	// from the text.
	Borough string
	// Board is the meeting's board or committee, or "".
	Board string
	// Ward is the ward or local area the minutes cover, when they are a
	// ward panel's or an area committee's, or "": the parser takes it as
	// the area of every figure the text does not tie to another place.
	Ward string
}
