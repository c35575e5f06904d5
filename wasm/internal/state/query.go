package state

import (
	"errors"
	"strings"
)

// The hash is parsed and written here rather than with net/url: net/url brings fmt, godebug
// and netip into the wasm for two small functions. The test checks these against net/url.

// pair is one key=value of a hash.
type pair struct{ k, v string }

var errQuery = errors.New("state: malformed query")

// parseQuery reads "k=v&k2=v2" as url.ParseQuery does: '+' is a space, %XX an escaped byte;
// a pair with a bad escape or a semicolon in its key is left out and reported by the error.
// Unlike url.ParseQuery, it keeps the pairs in the order they came.
func parseQuery(s string) ([]pair, error) {
	var m []pair
	var err error
	for s != "" {
		var kv string
		kv, s, _ = strings.Cut(s, "&")
		if strings.IndexByte(kv, ';') >= 0 {
			err = errQuery
			continue
		}
		if kv == "" {
			continue
		}
		k, v, _ := strings.Cut(kv, "=")
		k, ok1 := unescape(k)
		v, ok2 := unescape(v)
		if !ok1 || !ok2 {
			err = errQuery
			continue
		}
		m = append(m, pair{k, v})
	}
	return m, err
}

// queryEscape escapes s as url.QueryEscape does: letters, digits and "-_.~" stay, a space is
// '+', every other byte is %XX.
func queryEscape(s string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.', c == '~':
			b = append(b, c)
		case c == ' ':
			b = append(b, '+')
		default:
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

func unescape(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '+':
			b = append(b, ' ')
		case '%':
			if i+2 >= len(s) {
				return "", false
			}
			hi, lo := unhex(s[i+1]), unhex(s[i+2])
			if hi < 0 || lo < 0 {
				return "", false
			}
			b = append(b, byte(hi<<4|lo))
			i += 2
		default:
			b = append(b, c)
		}
	}
	return string(b), true
}

func unhex(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}
