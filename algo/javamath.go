package algo

import "math"

// Arithmetic that gives the same bits on every platform and as another runtime gives them.
//
// ImageJ's AutoThresholder and Fiji's plugin are Java: their levels depend on Java's casts and
// rounding (javaInt, javaRound) and on the last bit of Java's Math.log (javaLog, javaLog10, which
// Go's math.Log misses on about 4 % of inputs). The seeded noise and Phansalkar's exponential must
// give the same pixels natively and in WebAssembly, where Go's math.Exp and math.Log may take
// different (assembly or pure Go) paths: portableExp and portableLog use only +, −, ×, ÷ and
// explicit conversions, which the Go specification defines to the bit (a float64() around a product
// forbids its fusion into an FMA).
//
// The double-double helpers (dd*) carry about 106 bits, enough to decide javaLog's rounding.

// javaInt is Java's (int) cast of a double: toward zero, NaN to 0, saturating at the int range.
func javaInt(x float64) int32 {
	switch {
	case x != x:
		return 0
	case x >= math.MaxInt32:
		return math.MaxInt32
	case x <= math.MinInt32:
		return math.MinInt32
	}
	return int32(x)
}

// javaRound is Java's (int) Math.round(x): the nearest long, halves up (floor(x + ½) computed
// exactly, NaN to 0, saturating at the long range), then the low 32 bits of it.
func javaRound(x float64) int32 {
	if x != x {
		return 0
	}
	r := math.Floor(x)
	// x - r is exact wherever it can be near ½ (Sterbenz), so this is the exact floor(x + ½);
	// math.Floor(x + 0.5) would round 0.49999999999999994 up.
	if x-r >= 0.5 {
		r++
	}
	var l int64
	switch {
	case r >= 0x1p63:
		l = math.MaxInt64
	case r < -0x1p63:
		l = math.MinInt64
	default:
		l = int64(r)
	}
	return int32(l)
}

func ddTwoSum(a, b float64) (s, e float64) {
	s = a + b
	bb := s - a
	return s, (a - (s - bb)) + (b - bb)
}

// ddFastTwoSum needs |a| ≥ |b| (or a = 0).
func ddFastTwoSum(a, b float64) (s, e float64) {
	s = a + b
	return s, b - (s - a)
}

// ddSplit is Veltkamp's split of a into two 26-bit halves.
func ddSplit(a float64) (hi, lo float64) {
	c := float64(134217729 * a) // 2^27 + 1
	hi = c - (c - a)
	return hi, a - hi
}

// ddTwoProd returns p = fl(a·b) and e with p + e = a·b exactly (by FMA, or by Dekker's product for
// operands far from overflow and underflow, as here).
func ddTwoProd(a, b float64) (p, e float64) {
	p = float64(a * b)
	if hardwareFMA {
		return p, math.FMA(a, b, -p)
	}
	ah, al := ddSplit(a)
	bh, bl := ddSplit(b)
	e = ((float64(ah*bh) - p) + float64(ah*bl) + float64(al*bh)) + float64(al*bl)
	return p, e
}

// frexp returns x = m·2^k with m in [√½, √2), for finite x > 0.
func frexp(x float64) (float64, int) {
	b := math.Float64bits(x)
	k := int(b>>52) - 1022
	if b>>52 == 0 { // subnormal
		return frexpSlow(x)
	}
	m := math.Float64frombits(b&(1<<52-1) | 1022<<52) // [0.5, 1)
	if m < math.Sqrt2/2 {
		return m * 2, k - 1
	}
	return m, k
}

func frexpSlow(x float64) (float64, int) {
	m, k := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		k--
	}
	return m, k
}

func ddAdd(ah, al, bh, bl float64) (float64, float64) {
	s, e := ddTwoSum(ah, bh)
	t, f := ddTwoSum(al, bl)
	s, e = ddFastTwoSum(s, e+t)
	return ddFastTwoSum(s, e+f)
}

func ddMul(ah, al, bh, bl float64) (float64, float64) {
	p, e := ddTwoProd(ah, bh)
	e += float64(ah*bl) + float64(al*bh)
	return ddFastTwoSum(p, e)
}

// Constants of javaLog. ln2Hi32 has 32 significant bits, so k·ln2Hi32 is exact for every binary
// exponent k; ln2Hi32 + ln2Lo32 is ln 2 to about 2^-85. ln2 and invLn10 are double-doubles.
const (
	ln2Hi32   = 6.93147180369123816490e-01
	ln2Lo32   = 1.90821492927058770002e-10
	ln2Hi     = 6.931471805599453e-01
	ln2Lo     = 2.3190468138462996e-17
	invLn10Hi = 4.342944819032518e-01
	invLn10Lo = 1.098319650216765e-17
)

// atanhCoef holds 1/(2n+1), n = 1..9, as double-doubles: the leading terms of
// atanh(s)/s − 1 = Σ s^(2n)/(2n+1), which javaLogDD sums to double-double precision.
var atanhCoef = [9][2]float64{
	{0.3333333333333333, 1.850371707708594e-17},
	{0.2, -1.1102230246251566e-17},
	{0.14285714285714285, 7.93016446160826e-18},
	{0.1111111111111111, 6.1679056923619804e-18},
	{0.09090909090909091, -2.523234146875356e-18},
	{0.07692307692307693, -4.270088556250602e-18},
	{0.06666666666666667, 9.251858538542971e-19},
	{0.058823529411764705, 8.163404592832033e-19},
	{0.05263157894736842, 2.921639538487254e-18},
}

// javaLog returns ln x correctly rounded to nearest, as Java's Math.log does on HotSpot/x86-64
// (which is not always StrictMath.log, and not Go's math.Log, which differs from it on about 4% of
// inputs). Special values are Java's: NaN for NaN and x < 0, -Inf for ±0, +Inf for +Inf.
//
// With x = 2^k·m, m in [√½, √2), c = j/128 the nearest 128th to m and s = (m − c)/(m + c),
// ln x = k·ln 2 + ln c + 2·atanh(s), |s| < 2^-8.5. A fast pass computes it in double-double to
// better than 2^-70 relative and returns when that settles the rounding (all but about one call in
// 10^5); otherwise javaLogDD sums a longer series to about 2^-100.
func javaLog(x float64) float64 {
	if v, ok := logSpecial(x); ok {
		return v
	}
	if x == 1 {
		return 0
	}
	m, k := frexp(x)
	j := int(m*128 + 0.5) // 91..181
	c := float64(j) / 128
	r := m - c // exact: c/2 ≤ m ≤ 2c
	// s = r/(c + m) as sh + sl, with one division: the remainder r − sh·(dh + dl) is exact to
	// within dl's part, and sl needs only a few correct bits.
	dh, dl := ddTwoSum(c, m)
	inv := 1 / dh
	sh := float64(r * inv)
	ph, pl := ddTwoProd(sh, dh)
	sl := float64((((r - ph) - pl) - float64(sh*dl)) * inv)
	// 2·atanh(s) = 2s + 2s·T, T = s²/3 + s⁴/5 + s⁶/7 + s⁸/9 (the next term is below 2^-85).
	u := float64(sh * sh)
	T := float64(u * (1.0/3 + float64(u*(1.0/5+float64(u*(1.0/7+u/9))))))
	kf := float64(k)
	S, e1 := ddTwoSum(float64(kf*ln2Hi32), logTable[j-91][0])
	S, e2 := ddTwoSum(S, 2*sh)
	lo := (e1 + e2) + (((logTable[j-91][1] + float64(kf*ln2Lo32)) + 2*sl) + float64(2*sh*T))
	hi, lo := ddFastTwoSum(S, lo)
	// The error of hi + lo is below 2^-70·|hi| (measured); with a margin of 16:
	if err := math.Abs(hi) * 0x1p-66; hi+(lo+err) == hi && hi+(lo-err) == hi {
		return hi
	}
	hi, lo = javaLogDD(x)
	return hi + lo
}

// javaLogDD returns ln x (x finite and positive) as a double-double, to about 2^-100 relative.
func javaLogDD(x float64) (float64, float64) {
	m, k := frexp(x)
	f := m - 1
	dh, dl := ddTwoSum(2, f)
	sh := f / dh
	ph, pl := ddTwoProd(sh, dh)
	sl := (((f - ph) - pl) - float64(sh*dl)) / dh
	sh, sl = ddFastTwoSum(sh, sl)
	uh, ul := ddMul(sh, sl, sh, sl)
	// Σ_{n≥1} u^n/(2n+1), u = s² < 0.0295: terms n ≥ 10 are below 2^-50 and need only a double.
	tail := 0.0
	for n := 20; n >= 10; n-- {
		tail = 1/float64(2*n+1) + float64(uh*tail)
	}
	ah, al := tail, 0.0
	for n := 9; n >= 1; n-- {
		ah, al = ddMul(uh, ul, ah, al)
		ah, al = ddAdd(atanhCoef[n-1][0], atanhCoef[n-1][1], ah, al)
	}
	ah, al = ddMul(uh, ul, ah, al)
	// ln m = 2s·(1 + T).
	ah, al = ddMul(sh, sl, ah, al)
	ah, al = ddAdd(sh, sl, ah, al)
	ah, al = 2*ah, 2*al
	if k == 0 {
		return ah, al
	}
	kf := float64(k)
	kh, kl := ddTwoProd(kf, ln2Hi)
	kh, kl = ddFastTwoSum(kh, kl+float64(kf*ln2Lo))
	return ddAdd(kh, kl, ah, al)
}

// javaLog10 returns log₁₀ x correctly rounded (ln x · 1/ln 10 in double-double), as HotSpot's
// Math.log10 does but for about 5 inputs in a million. It is used once per MinError iteration.
func javaLog10(x float64) float64 {
	if v, ok := logSpecial(x); ok {
		return v
	}
	if x == 1 {
		return 0
	}
	hi, lo := javaLogDD(x)
	hi, lo = ddMul(hi, lo, invLn10Hi, invLn10Lo)
	return hi + lo
}

// portableExp is e^x for −700 ≤ x ≤ 0 from correctly rounded operations only, so that every
// platform gets the same bits (math.Exp is assembly on amd64 and Go elsewhere, and the two differ
// in the last bit of some results): x = k·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two so that
// k·ln2Hi is exact), e^r by its Taylor series in Horner form (20 terms: the remainder is below
// 10⁻²⁵; the coefficients 1/n! are built once, see expTaylor), then scaled by 2^k. It is within an ulp or two of e^x, like Java's Math.exp, which limen
// cannot match bit for bit anyway (HotSpot's intrinsic is its own approximation).
func portableExp(x float64) float64 {
	const (
		ln2Hi  = 6.93147180369123816490e-01 // ln 2 to 32 bits: k·ln2Hi is exact for |k| < 2^20
		ln2Lo  = 1.90821492927058770002e-10 // ln 2 − ln2Hi
		invLn2 = 1.44269504088896338700e+00
	)
	k := math.Floor(float64(x*invLn2) + 0.5)
	r := float64(x-float64(k*ln2Hi)) - float64(k*ln2Lo)
	p := 0.0
	for _, c := range expTaylor {
		p = float64(p*r) + c
	}
	return math.Ldexp(float64(p*r)+1, int(k))
}

// portableLog is ln(x) for x > 0 using only correctly rounded operations, so every platform gets
// the same bits: x = m·2^e with m in [√½, √2), ln m = 2·atanh(s), s = (m-1)/(m+1), |s| < 0.172,
// summed as a series to well below one ulp.
func portableLog(x float64) float64 {
	m, e := math.Frexp(x)
	if m < math.Sqrt2/2 {
		m *= 2
		e--
	}
	s := (m - 1) / (m + 1)
	s2 := float64(s * s)
	term, sum := s, s
	for k := 3; k <= 41; k += 2 {
		term = float64(term * s2)
		sum += term / float64(k)
	}
	return float64(2*sum) + float64(float64(e)*math.Ln2)
}

// logSpecial gives the special values every logarithm here shares, as IEEE 754, Java and NumPy
// define them: NaN for NaN and x < 0, −Inf for ±0, +Inf for +Inf; ok is false for any other x.
func logSpecial(x float64) (v float64, ok bool) {
	switch {
	case x != x || x < 0:
		return math.NaN(), true
	case x == 0:
		return math.Inf(-1), true
	case x > math.MaxFloat64:
		return x, true
	}
	return 0, false
}
