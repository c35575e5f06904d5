package algo

import "math"

// NumPy's logarithms, bit for bit, for the scikit-image references.
//
// scikit-image 0.19.3 computes with NumPy 1.24 (Debian's python3-numpy), whose np.log is not the C
// library's on an x86-64 processor with AVX-512 (the machine the references were made on):
//   - float64: NumPy links Intel's SVML and calls __svml_log8 (SVML's "la" log, within about an
//     ulp; it differs from glibc's log on about one input in five). npLog is that routine.
//   - float32: NumPy's own AVX-512F kernel (simd_log_FLOAT in loops_exponent_log.dispatch.c.src):
//     a 5/5 rational approximation on the mantissa, within 4 ulp. npLogf is that kernel.
//
// Both use fused multiply-adds, done here with math.FMA (exact on every platform, in software where
// the processor has none), so every platform, WebAssembly included, gets the same bits.
// scikit-image's Li (float64 logs) and Yen (float32 logs) depend on them: Li's level is a float
// whose last bits come from two logarithms; Yen's criterion can tie or swap order between bins by
// a rounding of the log.

// svmlLogTable holds −ln(R0) (R0 ≥ 0.75) or −ln(2·R0) (R0 < 0.75) for R0 = ½ + j/32, j = 0..15,
// indexed by j; R0 = 1 shares entry 0 (−ln 1 = 0). Bits as in SVML's __svml_dlog_data_internal.
var svmlLogTable = [16]float64{
	0, -0x1.f0a30c01162a6p-5, -0x1.e27076e2af2e6p-4, -0x1.5ff3070a793d4p-3,
	-0x1.c8ff7c79a9a22p-3, -0x1.1675cababa60ep-2, -0x1.4618bc21c5ec2p-2, -0x1.739d7f6bbd007p-2,
	0x1.269621134db92p-2, 0x1.f991c6cb3b379p-3, 0x1.a93ed3c8ad9e3p-3, 0x1.5bf406b543db2p-3,
	0x1.1178e8227e47cp-3, 0x1.9335e5d594989p-4, 0x1.08598b59e3a07p-4, 0x1.0415d89e74444p-5,
}

// SVML's polynomial for ln(1+R) − R, |R| < 2^-5 (coefficients of R², …, R⁹ in SVML's pairing).
const (
	svmlC2  = -0x1.fffffffffffc6p-2
	svmlC3  = 0x1.5555555555466p-2
	svmlC4  = -0x1.00000000c05bdp-2
	svmlC5  = 0x1.9999999cc9f5cp-3
	svmlC6  = -0x1.55553fb28db06p-3
	svmlC7  = 0x1.249229cee81efp-3
	svmlC8  = -0x1.007357e93af62p-3
	svmlC9  = 0x1.c81cd309d7c70p-4
	svmlLn2 = 0x1.62e42fefa39efp-1
)

// rcpThresholds gives the processor's VRCP14PD rounded to 1/32, as SVML uses it: for m in [1, 2),
// round(rcp14(m)·32)/32 = (16 + #{t : bits(m) < t})/32. VRCP14PD is an approximation (relative
// error below 2^-14) whose exact bits the instruction set leaves to the processor; these are the
// AMD EPYC (Zen) answers of the machine that made the references, found by bisection on it and
// checked on every m of [1, 2) that differs in the 16 leading mantissa bits (the instruction reads
// no others there). Only inputs whose 1/m lies within 2^-14 of an odd multiple of 1/64 depend on
// them, and then only in the last bit of the logarithm.
var rcpThresholds = [16]uint64{
	0x3fff080000000000, 0x3ffd41c000000000, 0x3ffbad0000000000, 0x3ffa41a000000000,
	0x3ff8f9c000000000, 0x3ff7d07000000000, 0x3ff6c15000000000, 0x3ff5c99000000000,
	0x3ff4e5f000000000, 0x3ff4143000000000, 0x3ff3523000000000, 0x3ff29e6000000000,
	0x3ff1f70000000000, 0x3ff15b4000000000, 0x3ff0c97000000000, 0x3ff040f000000000,
}

// npLog is NumPy 1.24's float64 np.log on x86-64 with AVX-512 (SVML's __svml_log8):
// ln x = E·ln 2 − ln R0 + ln(1 + R), with R0 ≈ 1/m rounded to 1/32 (m the mantissa in [1, 2)),
// R = R0·m − 1 by one FMA, and a degree-9 polynomial for ln(1 + R).
func npLog(x float64) float64 {
	if v, ok := logSpecial(x); ok {
		return v
	}
	frac, exp := math.Frexp(x) // x = frac·2^exp, frac in [½, 1): handles subnormals too
	m := 2 * frac              // VGETMANTPD, interval [1, 2)
	e := float64(exp - 1)      // VGETEXPPD
	b := math.Float64bits(m)
	k := 16
	for _, t := range rcpThresholds {
		if b < t {
			k++
		}
	}
	r0 := float64(k) / 32
	r := math.FMA(r0, m, -1)
	if r0 < 0.75 {
		e++ // the table holds −ln(2·R0) there
	}
	// The FMAs in SVML's order (vfmadd231pd/vfmadd213pd), each rounded once.
	a := math.FMA(r, svmlC7, svmlC6)
	p := math.FMA(r, svmlC9, svmlC8)
	c := math.FMA(r, svmlC3, svmlC2)
	r2 := float64(r * r)
	d := math.FMA(r, svmlC5, svmlC4)
	r4 := float64(r2 * r2)
	p = math.FMA(r2, p, a)
	d = math.FMA(r2, d, c)
	p = math.FMA(r4, p, d)
	p = math.FMA(r2, p, r)
	t := svmlLogTable[math.Float64bits(r0)>>48&15] + p // R0 = 1 indexes entry 0: −ln 1 = 0
	return math.FMA(e, svmlLn2, t)
}

// Coefficients of NumPy's float32 log kernel (npy_simd_data.h), rounded to float32 as C rounds
// the float literals.
var (
	npLogP = [6]float32{0, 9.999999999999998702752e-01, 2.112677543073053063722e+00,
		1.480000633576506585156e+00, 3.808837741388407920751e-01, 2.589979117907922693523e-02}
	npLogQ = [6]float32{1, 2.612677543073109236779e+00, 2.453006071784736363091e+00,
		9.864942958519418960339e-01, 1.546476374983906719538e-01, 5.875095403124574342950e-03}
)

const (
	npLogE2f   float32 = 0.693147180559945309417232121458176568
	npSqrt1_2f float32 = 0.707106781186547524400844362104849039
)

// npLogf is NumPy 1.24's float32 np.log with AVX-512F (simd_log_FLOAT): x = 2^e·m, m in [½, 1)
// (m ≤ √½: m doubled, e − 1), ln x = P(m−1)/Q(m−1) + e·ln 2, all in float32 with FMAs (fma32,
// adaptive.go).
func npLogf(x float32) float32 {
	switch {
	case x != x:
		return x
	case x < 0:
		return float32(math.NaN())
	case x == 0:
		return float32(math.Inf(-1))
	case x > math.MaxFloat32:
		return x
	}
	frac, exp := math.Frexp(float64(x)) // exact; float32 subnormals are float64 normals
	m, e := float32(frac), float32(exp)
	if m <= npSqrt1_2f {
		m += m
		e--
	}
	m--
	num := fma32(npLogP[5], m, npLogP[4])
	den := fma32(npLogQ[5], m, npLogQ[4])
	for i := 3; i >= 0; i-- {
		num = fma32(num, m, npLogP[i])
		den = fma32(den, m, npLogQ[i])
	}
	return fma32(e, npLogE2f, num/den)
}

// svmlExpTable holds 2^(j/16), j = 0..15, as SVML's __svml_dexp_data_internal has them.
var svmlExpTable = [16]float64{
	0x1.0000000000000p+0, 0x1.0b5586cf9890fp+0, 0x1.172b83c7d517bp+0, 0x1.2387a6e756238p+0,
	0x1.306fe0a31b715p+0, 0x1.3dea64c123422p+0, 0x1.4bfdad5362a27p+0, 0x1.5ab07dd485429p+0,
	0x1.6a09e667f3bcdp+0, 0x1.7a11473eb0187p+0, 0x1.8ace5422aa0dbp+0, 0x1.9c49182a3f090p+0,
	0x1.ae89f995ad3adp+0, 0x1.c199bdd85529cp+0, 0x1.d5818dcfba487p+0, 0x1.ea4afa2a490dap+0,
}

// SVML's constants for exp: log₂ e, ln 2 in two parts, and exp(r) − 1 ≈ r + Σ c_k r^k, k = 2..6.
const (
	svmlLog2e   = 0x1.71547652b82fep+0
	svmlLn2Hi   = 0x1.62e42fefa39efp-1
	svmlLn2Lo   = 0x1.abc9e3b39803fp-56
	svmlE2      = 0x1.0000000002622p-1
	svmlE3      = 0x1.5555554b508a2p-3
	svmlE4      = 0x1.555564bb4f5f0p-5
	svmlE5      = 0x1.1106603d97c00p-7
	svmlE6      = 0x1.72eb5ef0d213dp-10
	svmlExpSpan = 0x1.61da04cbafe44p+9 // |x| beyond this goes to SVML's slow path
)

// npExp is NumPy 1.24's float64 np.exp on x86-64 with AVX-512 (SVML's __svml_exp8) for
// |x| < 707.7, the only range limen needs (Gaussian kernel weights, x ≤ 0): N = x·log₂e rounded
// down to 1/16 (SVML adds a shifter in round-toward-zero mode), r = x − N·ln 2 in two FMAs,
// exp x = 2^⌊N⌋ · 2^(frac N) · (1 + p(r)). Outside that range it returns exp's limit (0 or +Inf),
// where SVML's slow path gives subnormals or overflows.
func npExp(x float64) float64 {
	switch {
	case x != x:
		return x
	case x <= -svmlExpSpan:
		return 0
	case x >= svmlExpSpan:
		return math.Inf(1)
	}
	// ⌊16·x·log₂e⌋ of the exact product: the rounded product can only land on a multiple of 1/16
	// from below, which the FMA residual tells.
	p := float64(x * svmlLog2e)
	e := math.FMA(x, svmlLog2e, -p)
	t := p * 16
	f := math.Floor(t)
	if f == t && e < 0 {
		f--
	}
	n := f / 16
	j := int(f - 16*math.Floor(f/16)) // frac N in 16ths
	r := math.FMA(-n, svmlLn2Hi, x)
	r = math.FMA(-n, svmlLn2Lo, r)
	r2 := float64(r * r)
	p56 := math.FMA(r, svmlE6, svmlE5)
	p34 := math.FMA(r, svmlE4, svmlE3)
	r3 := float64(r2 * r)
	p12 := math.FMA(r2, svmlE2, r)
	p36 := math.FMA(r2, p56, p34)
	p16 := math.FMA(r3, p36, p12)
	th := svmlExpTable[j]
	return math.Ldexp(math.FMA(th, p16, th), int(math.Floor(n)))
}
