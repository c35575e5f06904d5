package state

import (
	"strconv"
	"strings"

	"limen/algo/document"
)

// Doc is a degraded page made by algo/document, at the samples' size (document.SampleWidth ×
// SampleHeight): the page the reader made with the page's "Make a degraded page" controls, or a
// lesson widget's. Its hash key is doc=seed,illumination,stain,bleedThrough,fading,blur,noise (the
// degradations in document.Params' order); a link may stop after any of them, the rest taking
// their defaults, and Hash always writes all seven so that a link names the whole page.
type Doc struct {
	Seed uint64
	D    document.Degradations
}

// MaxDocSeed is the largest seed a link carries: a JS number holds every whole number up to it.
const MaxDocSeed = 1 << 53

// DefaultDoc is the page the controls make first: the first shipped sample's seed, the default
// degradations.
func DefaultDoc() Doc {
	return Doc{Seed: document.SampleSeeds[0], D: document.Defaults()}
}

// Values are the degradations in document.Params' order.
func (d Doc) Values() []float64 {
	g := d.D
	return []float64{g.Illumination, g.Stain, g.BleedThrough, g.Fading, g.Blur, g.Noise}
}

// WithValues returns d with the degradations v (in document.Params' order; fewer keep d's).
func (d Doc) WithValues(v []float64) Doc {
	f := []*float64{&d.D.Illumination, &d.D.Stain, &d.D.BleedThrough, &d.D.Fading, &d.D.Blur, &d.D.Noise}
	for i := range min(len(v), len(f)) {
		*f[i] = v[i]
	}
	return d
}

// parseDoc reads a doc key's value; ok is false (and the key is ignored whole) when a part is not a
// number in its range.
func parseDoc(v string) (Doc, bool) {
	parts := strings.Split(v, ",")
	if len(parts) > 1+len(document.Params) {
		return Doc{}, false
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(parts[0]), 10, 64)
	if err != nil || seed > MaxDocSeed {
		return Doc{}, false
	}
	d := DefaultDoc()
	d.Seed = seed
	vals := d.Values()
	for i, p := range parts[1:] {
		n, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || document.Params[i].Check(n) != nil {
			return Doc{}, false
		}
		vals[i] = n
	}
	return d.WithValues(vals), true
}

// value is the doc key's value: the seed and all six degradations.
func (d Doc) value() string {
	s := strconv.FormatUint(d.Seed, 10)
	for _, v := range d.Values() {
		s += "," + ftoa(v)
	}
	return s
}

// docUsage is what an ignored doc key is told.
const docUsage = "must be seed[,illumination,stain,bleedThrough,fading,blur,noise], each in its range"
