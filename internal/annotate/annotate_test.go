package annotate

import (
	"bytes"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		a    Annotation
		want string
	}{
		{"no file", Annotation{Level: Error, Title: "pushback eval: threshold min_auc", Message: "got 0.9, want >= 1"},
			"::error title=pushback eval%3A threshold min_auc::got 0.9, want >= 1\n"},
		{"a line", Annotation{Level: Warning, File: "replies/a.md", Line: 8, Message: "m"},
			"::warning file=replies/a.md,line=8::m\n"},
		{"columns on one line", Annotation{Level: Error, File: "a.md", Line: 8, EndLine: 8, Column: 3, EndColumn: 21, Title: "t", Message: "m"},
			"::error file=a.md,line=8,col=3,endColumn=21,title=t::m\n"},
		{"several lines keep only lines", Annotation{Level: Error, File: "a.md", Line: 8, EndLine: 9, Column: 3, EndColumn: 2, Message: "m"},
			"::error file=a.md,line=8,endLine=9::m\n"},
		{"escapes", Annotation{Level: Notice, File: "dir,with:odd%name.md", Line: 1, Title: "a, b: 100%", Message: "50%\r\nnext line: ok, fine"},
			"::notice file=dir%2Cwith%3Aodd%25name.md,line=1,title=a%2C b%3A 100%25::50%25%0D%0Anext line: ok, fine\n"},
		{"no level props at all", Annotation{Level: Error, Message: "bare"}, "::error::bare\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := Write(&b, tt.a); err != nil {
				t.Fatal(err)
			}
			if b.String() != tt.want {
				t.Errorf("got  %q\nwant %q", b.String(), tt.want)
			}
		})
	}
}
