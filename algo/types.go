package algo

import "errors"

// Type is one of OpenCV's five threshold types: what a pixel v becomes, given a level t and maxval.
type Type int

// The five types, with OpenCV's meaning (foreground is v > t):
const (
	Binary    Type = iota // v > t ? maxval : 0
	BinaryInv             // v > t ? 0 : maxval
	Trunc                 // v > t ? t : v
	ToZero                // v > t ? v : 0
	ToZeroInv             // v > t ? 0 : v
)

var typeNames = [...]string{"binary", "binary-inv", "trunc", "tozero", "tozero-inv"}

// TypeNames lists the API names of the types, in order.
func TypeNames() []string { return append([]string(nil), typeNames[:]...) }

func (t Type) String() string {
	if t >= 0 && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return "Type(?)"
}

// ParseType maps an API name ("binary", "binary-inv", "trunc", "tozero", "tozero-inv") to its Type.
func ParseType(s string) (Type, error) {
	for i, n := range typeNames {
		if n == s {
			return Type(i), nil
		}
	}
	return 0, errors.New(`unknown type "` + s + `": use binary, binary-inv, trunc, tozero or tozero-inv`)
}

// TypeLUT fills lut so that lut[v] is what a pixel v becomes under type typ at level t (-1..255)
// with the given maxval. With dark, the objects are the dark side: binary gives maxval where v <= t
// and binary-inv the opposite (ImageJ's default view); the other types keep OpenCV's meaning.
// One table serves every pixel, so thresholding is a lookup per pixel.
func TypeLUT(lut *[256]uint8, typ Type, t int, maxval uint8, dark bool) {
	if dark && (typ == Binary || typ == BinaryInv) {
		typ ^= 1 // Binary <-> BinaryInv
	}
	for v := 0; v < 256; v++ {
		fg := v > t
		var o uint8
		switch typ {
		case Binary:
			if fg {
				o = maxval
			}
		case BinaryInv:
			if !fg {
				o = maxval
			}
		case Trunc: // at level -1 every pixel becomes 0, as OpenCV's 8-bit threshold gives
			o = uint8(v)
			if fg {
				o = uint8(max(t, 0))
			}
		case ToZero:
			if fg {
				o = uint8(v)
			}
		case ToZeroInv:
			if !fg {
				o = uint8(v)
			}
		}
		lut[v] = o
	}
}
