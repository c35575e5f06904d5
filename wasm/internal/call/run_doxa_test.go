package call

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// Δoxa's snippets are whole C++ programs. runDoxa builds them all into one program with g++
// (Debian's g++, as a student would: g++ -std=c++17, Doxa's headers from testdata/doxa, see its
// README) and runs it once. Each snippet goes in as it is shown, but for two mechanical changes
// that let many programs share one binary: its #include lines move to the top, and the rest is
// wrapped in a namespace of its own, so its main is case_N::main. The program's own main runs
// each case in a child process (fork), from the case's folder, so that a snippet that crashes
// (Doxa divides by zero on some pictures) fails that case alone.

// doxaMaxWindow is the largest window (and AdOtsu's grid distance) the random views give Doxa on
// the test's 128×96 picture: its running sums and min/max filter read outside a picture whose side
// is under the window (testdata/doxa/README.md), which limen answers but Doxa does not.
const doxaMaxWindow = 95

// writePGM writes p's gray values as an 8-bit binary PGM (Doxa's snippet reads picture.pgm).
func writePGM(path string, p *picture) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "P5\n%d %d\n255\n", p.w, p.h)
	for i := 0; i < p.w*p.h; i++ {
		b.WriteByte(p.rgba[4*i])
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// readPGM reads an 8-bit binary PGM of w × h.
func readPGM(path string, w, h int) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("no result: %v", err)
	}
	var fields []string
	i := 0
	for len(fields) < 4 && i < len(b) {
		for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
			i++
		}
		if i < len(b) && b[i] == '#' {
			for i < len(b) && b[i] != '\n' {
				i++
			}
			continue
		}
		j := i
		for j < len(b) && !(b[j] == ' ' || b[j] == '\n' || b[j] == '\r' || b[j] == '\t') {
			j++
		}
		fields = append(fields, string(b[i:j]))
		i = j
	}
	if len(fields) < 4 || fields[0] != "P5" || fields[3] != "255" {
		return nil, fmt.Errorf("%s: not an 8-bit binary PGM (%q)", path, fields)
	}
	if fields[1] != strconv.Itoa(w) || fields[2] != strconv.Itoa(h) {
		return nil, fmt.Errorf("the result is %s×%s, not %d×%d", fields[1], fields[2], w, h)
	}
	pix := b[i+1:]
	if len(pix) != w*h {
		return nil, fmt.Errorf("%s: %d pixel bytes, want %d", path, len(pix), w*h)
	}
	return pix, nil
}

// runDoxa builds the cases' snippets into one program and runs it.
func runDoxa(ctx context.Context, work string, cases []*runCase) error {
	const pkg = "install Debian's g++ (apt-get install g++; ./build.sh test installs it as root)"
	gxx, err := exec.LookPath("g++")
	if err != nil {
		return fmt.Errorf("g++ is not installed: %s", pkg)
	}
	headers, err := filepath.Abs(filepath.Join("testdata", "doxa"))
	if err != nil {
		return err
	}
	includes := map[string]bool{}
	var incl, body, table strings.Builder
	for i, c := range cases {
		fmt.Fprintf(&body, "namespace case_%d {\n", i)
		for _, line := range strings.SplitAfter(c.code, "\n") {
			if strings.HasPrefix(line, "#include") {
				if !includes[line] {
					includes[line] = true
					incl.WriteString(line)
				}
				continue
			}
			body.WriteString(line)
		}
		body.WriteString("}\n")
		fmt.Fprintf(&table, "\tcase_%d::main,\n", i)
	}
	src := "// Made by TestCallsRun (run_doxa_test.go): every Doxa snippet of the page, one namespace each.\n" +
		"#include <cstdio>\n#include <sys/wait.h>\n#include <unistd.h>\n" + incl.String() + "\n" + body.String() +
		"\nstatic int (*cases[])() = {\n" + table.String() + "};\n\n" +
		`// main runs case i from the folder argv[1+i], in a child: a crash fails that case alone; its
// exit status, or the signal that killed it, is written to error.txt there.
int main(int argc, char** argv)
{
	int n = sizeof(cases) / sizeof(cases[0]);
	if (argc != 1 + n) {
		std::fprintf(stderr, "want %d folders, got %d\n", n, argc - 1);
		return 2;
	}
	for (int i = 0; i < n; i++) {
		std::fflush(nullptr);
		pid_t pid = fork();
		if (pid < 0) return 3;
		if (pid == 0) {
			if (chdir(argv[1 + i]) != 0) _exit(100);
			_exit(cases[i]());
		}
		int status = 0;
		waitpid(pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			std::string path = std::string(argv[1 + i]) + "/error.txt";
			if (FILE* f = std::fopen(path.c_str(), "w")) {
				if (WIFSIGNALED(status)) std::fprintf(f, "killed by signal %d\n", WTERMSIG(status));
				else std::fprintf(f, "exit status %d\n", WEXITSTATUS(status));
				std::fclose(f);
			}
		}
	}
	return 0;
}
`
	dir := filepath.Join(work, "doxa")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	cpp, bin := filepath.Join(dir, "snippets.cpp"), filepath.Join(dir, "snippets")
	if err := os.WriteFile(cpp, []byte(src), 0o644); err != nil {
		return err
	}
	// -O0: the pictures are small, and the build is most of the time.
	if out, err := exec.CommandContext(ctx, gxx, "-std=c++17", "-O0", "-w", "-I", headers, "-o", bin, cpp).CombinedOutput(); err != nil {
		return fmt.Errorf("g++ %s: %v\n%s", cpp, err, out)
	}
	args := make([]string, len(cases))
	for i, c := range cases {
		args[i] = c.dir
	}
	if out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v\n%s", bin, err, out)
	}
	for _, c := range cases {
		if b, err := os.ReadFile(filepath.Join(c.dir, "error.txt")); err == nil {
			c.err = string(b)
		}
	}
	return nil
}
