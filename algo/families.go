package algo

// The method families still to come register here; each moves to its own file when written.
var ()
