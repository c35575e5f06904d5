package state

import (
	"net/url"
	"reflect"
	"testing"
)

// The hash parser stands in for net/url (kept out of the wasm): it must agree with it.
func checkQuery(t *testing.T, s string) {
	want, wantErr := url.ParseQuery(s)
	pairs, gotErr := parseQuery(s)
	got := map[string][]string{}
	for _, p := range pairs {
		got[p.k] = append(got[p.k], p.v)
	}
	if (wantErr != nil) != (gotErr != nil) {
		t.Fatalf("parseQuery(%q): error %v, net/url says %v", s, gotErr, wantErr)
	}
	if len(want) == 0 && len(got) == 0 {
		return
	}
	if !reflect.DeepEqual(got, map[string][]string(want)) {
		t.Fatalf("parseQuery(%q) = %q, net/url says %q", s, got, want)
	}
	if e, w := queryEscape(s), url.QueryEscape(s); e != w {
		t.Fatalf("queryEscape(%q) = %q, net/url says %q", s, e, w)
	}
}

func TestQueryLikeNetURL(t *testing.T) {
	for _, s := range []string{
		"", "a=1", "a=1&b=2&a=3", "a", "a=", "=b", "&&a=1&&", "a=%41%42", "a=%4", "a=%zz&b=1",
		"a;b=1&c=2", "a=1;2", "a+b=c+d", "k=%20%2B%2C", "é=ü", "a=1&a",
	} {
		checkQuery(t, s)
	}
}

func FuzzQueryLikeNetURL(f *testing.F) {
	f.Add("sample=coins&method=otsu&noise=20,3,7")
	f.Add("a=%zz;&b+c=%2")
	f.Fuzz(checkQuery)
}
