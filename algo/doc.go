// Package algo holds limen's thresholding algorithms: pure Go, standard library only, so it builds
// and tests natively and compiles unchanged to WebAssembly.
//
// Conventions (the same as OpenCV, scikit-image and ImageJ for light objects):
//
//   - Gray images are *image.Gray; colour becomes gray with OpenCV's fixed-point BT.601 formula
//     (see GrayFromRGBA).
//   - A global level t is the last background value: a pixel v is foreground when v > t.
//     Global methods take a 256-bin Histogram and return a level.
//   - Local methods take a gray image and write a LevelMap: the same "last background value"
//     per pixel, so every threshold type applies to them as to a global level.
//   - Every method is listed, with its parameters and its paper, in one registry (Methods).
package algo
