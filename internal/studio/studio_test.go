package studio

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHandler(t *testing.T) {
	site, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	etag := site.files["/"].etag
	for _, tc := range []struct {
		name, method, path string
		header             map[string]string
		status             int
		contentType        string
	}{
		{"the page", http.MethodGet, "/", nil, http.StatusOK, "text/html; charset=utf-8"},
		{"the page, head", http.MethodHead, "/", nil, http.StatusOK, "text/html; charset=utf-8"},
		{"the icon", http.MethodGet, "/studio/icon.svg", nil, http.StatusOK, "image/svg+xml"},
		{"unchanged since", http.MethodGet, "/", map[string]string{"If-None-Match": etag}, http.StatusNotModified, "text/html; charset=utf-8"},
		{"no such file", http.MethodGet, "/studio/app.html", nil, http.StatusNotFound, "text/plain; charset=utf-8"},
		{"a source file is not served", http.MethodGet, "/studio/studio.js", nil, http.StatusNotFound, "text/plain; charset=utf-8"},
		{"a directory", http.MethodGet, "/studio/", nil, http.StatusNotFound, "text/plain; charset=utf-8"},
		{"posting to the page", http.MethodPost, "/", nil, http.StatusMethodNotAllowed, "text/plain; charset=utf-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(tc.method, tc.path, nil)
			for k, v := range tc.header {
				req.Header.Set(k, v)
			}
			rec := httptest.NewRecorder()
			site.ServeHTTP(rec, req)
			if rec.Code != tc.status {
				t.Fatalf("%s %s: status %d, want %d", tc.method, tc.path, rec.Code, tc.status)
			}
			if got := rec.Header().Get("Content-Type"); got != tc.contentType {
				t.Errorf("Content-Type %q, want %q", got, tc.contentType)
			}
			// Every answer, errors included, carries the policy.
			if got := rec.Header().Get("Content-Security-Policy"); got != site.CSP() {
				t.Errorf("Content-Security-Policy %q, want the site's", got)
			}
			for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"} {
				if got := rec.Header().Get(h); got != want {
					t.Errorf("%s %q, want %q", h, got, want)
				}
			}
			if tc.status == http.StatusMethodNotAllowed && rec.Header().Get("Allow") != "GET, HEAD" {
				t.Errorf("405 without Allow: GET, HEAD")
			}
		})
	}
}

// TestPolicyIsStrict: the page runs only its own inline script and style,
// by hash; no 'unsafe-inline', no other origin, no framing.
func TestPolicyIsStrict(t *testing.T) {
	site, err := Handler()
	if err != nil {
		t.Fatal(err)
	}
	csp := site.CSP()
	for _, want := range []string{"default-src 'none'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("policy %q lacks %q", csp, want)
		}
	}
	for _, bad := range []string{"unsafe-inline", "unsafe-eval", "http:", "https:", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("policy %q allows %q", csp, bad)
		}
	}
	checkHashes(t, string(site.files["/"].body), csp)
}

// checkHashes finds every inline <script> and <style> of html and checks
// that the policy names its hash, and that nothing else would run: no
// script from elsewhere, no inline handler, no style attribute.
func checkHashes(t *testing.T, html, csp string) {
	t.Helper()
	for _, kind := range []string{"script", "style"} {
		re := regexp.MustCompile(`(?s)<` + kind + `>(.*?)</` + kind + `>`)
		blocks := re.FindAllStringSubmatch(html, -1)
		if len(blocks) == 0 {
			t.Errorf("no inline %s", kind)
		}
		for _, b := range blocks {
			sum := sha256.Sum256([]byte(b[1]))
			if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(csp, kind+"-src "+h) && !strings.Contains(csp, h) {
				t.Errorf("the policy does not allow the inline %s (%s)", kind, h)
			}
		}
	}
	for _, re := range []string{`<script[^>]+src=`, `<link[^>]+stylesheet`, `\son[a-z]+=`, `\sstyle=`, `(?:src|href)="https?:`} {
		if m := regexp.MustCompile(re).FindString(html); m != "" {
			t.Errorf("the document holds %q, which the policy would block or which loads from elsewhere", m)
		}
	}
}

func TestAppHTML(t *testing.T) {
	html, err := AppHTML()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(html, "<!doctype html>") {
		t.Errorf("the view does not start as an HTML5 document: %.40q", html)
	}
	m := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(html)
	if m == nil {
		t.Fatal("the view declares no Content-Security-Policy of its own")
	}
	for _, want := range []string{"default-src 'none'", "connect-src 'none'", "frame-src 'none'"} {
		if !strings.Contains(m[1], want) {
			t.Errorf("the view's policy %q lacks %q", m[1], want)
		}
	}
	checkHashes(t, html, m[1])
	for _, want := range []string{"ui/initialize", "ui/notifications/initialized", "ui/notifications/tool-result", "ui/notifications/size-changed", "tools/call"} {
		if !strings.Contains(html, want) {
			t.Errorf("the view does not speak %s", want)
		}
	}
}

func TestAssemble(t *testing.T) {
	files := fstest.MapFS{
		"ok.html":      {Data: []byte("<head><!--inline:a.css,b.css--></head><body><!--inline:a.js--></body>")},
		"mixed.html":   {Data: []byte("<!--inline:a.css,a.js-->")},
		"missing.html": {Data: []byte("<!--inline:nope.js-->")},
		"closing.html": {Data: []byte("<!--inline:closing.js-->")},
		"comment.html": {Data: []byte("<!--inline:comment.css-->")},
		"unknown.html": {Data: []byte("<!--inline:a.txt-->")},
		"a.css":        {Data: []byte("a{}")},
		"b.css":        {Data: []byte("b{}")},
		"a.js":         {Data: []byte("var a = 1;")},
		"a.txt":        {Data: []byte("text")},
		"closing.js":   {Data: []byte("var s = '</SCRIPT>';")},
		"comment.css":  {Data: []byte("/* <!-- */")},
	}
	doc, err := assemble(files, "ok.html")
	if err != nil {
		t.Fatal(err)
	}
	if want := "<head><style>a{}b{}</style></head><body><script>var a = 1;</script></body>"; doc.html != want {
		t.Errorf("assembled %q, want %q", doc.html, want)
	}
	if len(doc.scripts) != 1 || len(doc.styles) != 1 {
		t.Errorf("hashes: %d scripts, %d styles; want 1 and 1", len(doc.scripts), len(doc.styles))
	}
	for _, name := range []string{"mixed.html", "missing.html", "closing.html", "comment.html", "unknown.html", "absent.html"} {
		if _, err := assemble(files, name); err == nil {
			t.Errorf("%s: assembled without an error", name)
		}
	}
}
