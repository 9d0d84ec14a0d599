package server

import (
	"net"
	"net/http"
	"testing"
)

// TestStudioOverHTTP: the studio's page is served at / beside the MCP
// endpoint, under the same Host and Origin checks; its files need no token
// (a browser opening the address cannot send one) while every call the
// page makes to the MCP endpoint does.
func TestStudioOverHTTP(t *testing.T) {
	ts := newHTTP(t, Options{Studio: true, Token: "s3cret-token"})
	runHTTPCases(t, ts, []httpCase{
		{name: "the page without the token", method: http.MethodGet, path: "/", wantStatus: 200, wantBody: "<title>pushback studio</title>"},
		{name: "the icon", method: http.MethodGet, path: "/studio/icon.svg", wantStatus: 200, wantBody: "<svg"},
		{name: "an unknown studio file", method: http.MethodGet, path: "/studio/nope.js", wantStatus: 404},
		{name: "posting to the page", method: http.MethodPost, path: "/", body: post("{}"), wantStatus: 405},
		{name: "rebinding Host on the page", method: http.MethodGet, path: "/", host: "evil.example", wantStatus: 403, wantBody: "evil.example"},
		{name: "foreign Origin on the page", method: http.MethodGet, path: "/", header: map[string]string{"Origin": "https://evil.example"}, wantStatus: 403},
		{name: "the page's calls need the token", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": ts.URL}, wantStatus: 401},
		{name: "the page's calls with the token", method: http.MethodPost, path: EndpointPath, body: post(initBody), header: map[string]string{"Origin": ts.URL, "Authorization": "Bearer s3cret-token"}, wantStatus: 200},
		{name: "anything else is not the studio's", method: http.MethodGet, path: "/other", header: map[string]string{"Authorization": "Bearer s3cret-token"}, wantStatus: 404},
		{name: "and needs the token first", method: http.MethodGet, path: "/other", wantStatus: 401},
	})
	resp, _ := doHTTP(t, ts, httpCase{method: http.MethodGet, path: "/"})
	if csp := resp.Header.Get("Content-Security-Policy"); csp == "" {
		t.Error("the page comes without a Content-Security-Policy")
	}
}

func TestStudioOff(t *testing.T) {
	ts := newHTTP(t, Options{})
	runHTTPCases(t, ts, []httpCase{
		{name: "no page", method: http.MethodGet, path: "/", wantStatus: 404},
		{name: "the MCP endpoint still", method: http.MethodPost, path: EndpointPath, body: post(initBody), wantStatus: 200},
	})
}

func TestStudioURL(t *testing.T) {
	for _, tc := range []struct {
		addr net.Addr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080}, "http://127.0.0.1:8080/"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "http://localhost:8080/"},
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 9000}, "http://localhost:9000/"},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 9000}, "http://[::1]:9000/"},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 10), Port: 80}, "http://192.168.1.10:80/"},
	} {
		if got := StudioURL(tc.addr); got != tc.want {
			t.Errorf("StudioURL(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}
