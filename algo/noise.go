package algo

import (
	"image"
	"math"
)

// Noise describes additive Gaussian noise: every gray value v becomes
// clamp(roundHalfEven(v + Mean + Sigma·n), 0, 255) with n drawn from N(0, 1).
type Noise struct {
	Mean  float64
	Sigma float64
	Seed  uint64
}

// AddNoise writes src plus seeded Gaussian noise into dst (same bounds). The same seed gives the
// same pixels on every platform: the generator is SplitMix64 with Marsaglia's polar method, and its
// only transcendental step, the logarithm, is computed here with +, ×, ÷ alone (math.Log has
// per-architecture assembly whose last bit may differ). Explicit float64 conversions keep the
// compiler from fusing multiply-adds, which Go permits on some architectures.
//
// G. Marsaglia, T. A. Bray, "A convenient method for generating normal variables", SIAM Review 6(3),
// 260–264, 1964. S. Vigna's SplitMix64 (public domain).
func AddNoise(dst, src *image.Gray, n Noise) {
	AddNoiseFrom(dst, src, n, 0)
}

// AddNoiseFrom is AddNoise for a band of a larger picture: src's first pixel is pixel number first
// of the whole picture, counted row by row (first = y·width for a band starting at row y), and dst
// receives exactly the pixels AddNoise gives those pixels of the whole picture.
//
// The stream is serial (the polar method rejects a data-independent but unpredictable share of its
// draws), so the generator walks the draws of the first pixels before the band: only the two
// uniforms and the acceptance test u²+v² < 1 of each pair, without the logarithm and square root,
// which cost most of a draw. The stream, and so every seeded picture made before bands existed,
// is unchanged.
func AddNoiseFrom(dst, src *image.Gray, n Noise, first int) {
	rng := splitMix64{state: n.Seed}
	w, h := src.Rect.Dx(), src.Rect.Dy()
	var spare float64
	haveSpare := false
	for i := 0; i < first/2; i++ { // each pair serves two pixels
		rng.skipPair()
	}
	if first%2 == 1 { // the band starts on the second value of a pair
		_, spare = rng.normalPair()
		haveSpare = true
	}
	for y := 0; y < h; y++ {
		in := src.Pix[y*src.Stride : y*src.Stride+w]
		out := dst.Pix[y*dst.Stride : y*dst.Stride+w]
		for x, v := range in {
			var z float64
			if haveSpare {
				z, haveSpare = spare, false
			} else {
				z, spare = rng.normalPair()
				haveSpare = true
			}
			f := float64(v) + n.Mean + float64(n.Sigma*z)
			f = math.RoundToEven(f)
			switch {
			case f < 0:
				f = 0
			case f > 255:
				f = 255
			}
			out[x] = uint8(f)
		}
	}
}

type splitMix64 struct{ state uint64 }

func (s *splitMix64) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// uniform returns a double in [-1, 1) from the top 53 bits.
func (s *splitMix64) uniform() float64 {
	return float64(s.next()>>11)*(1.0/(1<<52)) - 1
}

// normalPair draws two independent N(0, 1) values (the polar method).
func (s *splitMix64) normalPair() (float64, float64) {
	u, v, q := s.polarPoint()
	f := math.Sqrt(-2 * portableLog(q) / q)
	return u * f, v * f
}

// skipPair advances the stream past one normalPair without computing it.
func (s *splitMix64) skipPair() { s.polarPoint() }

// polarPoint draws uniform points in the square until one falls inside the unit circle (not at its
// centre), and returns it and q = u² + v².
func (s *splitMix64) polarPoint() (u, v, q float64) {
	for {
		u, v = s.uniform(), s.uniform()
		q = float64(u*u) + float64(v*v)
		if q > 0 && q < 1 {
			return u, v, q
		}
	}
}
