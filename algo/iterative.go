package algo

// DefaultIterativeDelta is the stopping rule of Gonzalez & Woods' example: stop once T moves by
// less than half a gray level.
const DefaultIterativeDelta = 0.5

// Iterative is the basic global thresholding of Gonzalez & Woods (Digital Image Processing, 4th ed.,
// sec. 10.3.2), computed in float64 over the histogram:
//
//	T0 = the mean of the image;
//	G1 = {v > T}, G2 = {v ≤ T}; T = (mean(G1) + mean(G2)) / 2; repeat until |ΔT| < delta.
//
// It returns the final T (foreground is v > T) and the trace of every T from T0 on, so
// iterations = len(trace) - 1. An empty group stops the loop with the current T; an empty
// histogram gives T = 0.
//
// This is the book's algorithm, also known as Ridler & Calvard's isodata (IEEE Trans. SMC 8(8),
// 1978). (The C++ of the article limen grew from forgets to reset its sums between iterations and
// divides in integers; limen implements the book.)
func Iterative(h *Histogram, delta float64) (float64, []float64) {
	var n, sum float64
	for v, c := range h {
		n += float64(c)
		sum += float64(v) * float64(c)
	}
	if n == 0 {
		return 0, []float64{0}
	}
	t := sum / n
	trace := []float64{t}
	// The loop is bounded: T only moves between means of integer values, and |ΔT| < delta ends it;
	// the cap guards a non-positive delta.
	for len(trace) < 1000 {
		var n1, s1, n2, s2 float64
		for v, c := range h {
			fv, fc := float64(v), float64(c)
			if fv > t {
				n1 += fc
				s1 += fv * fc
			} else {
				n2 += fc
				s2 += fv * fc
			}
		}
		if n1 == 0 || n2 == 0 {
			break
		}
		nt := (s1/n1 + s2/n2) / 2
		trace = append(trace, nt)
		done := nt-t < delta && t-nt < delta
		t = nt
		if done {
			break
		}
	}
	return t, trace
}
