package state

import (
	"math"

	"limen/algo"
)

// The page's own numeric settings, written as registry parameters so that one rule checks them
// all: algo.Param.Check, which the API and the method parameters use too. Parse accepts a link's
// value only if it passes; the page corrects a field that does not (Correct) and says so.
var (
	MaxvalField     = algo.Param{Name: "maxval", Default: 255, Min: 0, Max: 255, Integer: true, Doc: "the value given to foreground pixels"}
	NoiseSigmaField = algo.Param{Name: "noise sigma", Default: 0, Min: 0, Max: 255, Doc: "standard deviation of the Gaussian noise added first"}
	NoiseMeanField  = algo.Param{Name: "noise mean", Default: 0, Min: -255, Max: 255, Doc: "mean of the Gaussian noise added first"}
	NoiseSeedField  = algo.Param{Name: "noise seed", Default: 1, Min: 0, Max: 1 << 53, Integer: true, Doc: "seed of the noise: the same seed, the same noise"}
	ResizeField     = algo.Param{Name: "resize", Default: 0, Min: 0, Max: 16, Doc: "scale applied first; 0 for none"}
	BlurField       = algo.Param{Name: "blur", Default: 0, Min: 0, Max: 255, Integer: true, Doc: "Gaussian blur kernel size: 0 for none, else odd"}
)

// blurOK says whether k is a blur kernel: 0 (none) or an odd size (BlurField is not Odd, since 0
// is allowed).
func blurOK(k float64) bool {
	return BlurField.Check(k) == nil && (k == 0 || int(k)%2 == 1)
}

// Correct returns the value of p nearest to v (v itself when p.Check accepts it): clamped to
// Min..Max, rounded when Integer, the nearer odd neighbour when Odd. Not a number gives the default.
func Correct(p algo.Param, v float64) float64 {
	if p.Check(v) == nil {
		return v
	}
	if math.IsNaN(v) {
		return p.Default
	}
	v = math.Max(p.Min, math.Min(p.Max, v))
	if p.Integer || p.Odd {
		n := math.Round(v)
		if p.Odd && int64(n)%2 == 0 {
			lo, hi := n-1, n+1
			switch {
			case lo < p.Min:
				n = hi
			case hi > p.Max:
				n = lo
			case v-lo < hi-v:
				n = lo
			default:
				n = hi
			}
		}
		v = math.Max(p.Min, math.Min(p.Max, n))
	}
	return v
}
