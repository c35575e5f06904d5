// IJLevels prints ImageJ's AutoThresholder level for every method on each histogram it reads: the
// reference of limen's ImageJ methods (TestImageJDifferential compiles and runs it). It calls
// ImageJ's own ij.process.AutoThresholder and computes nothing itself.
//
//   javac -cp /usr/share/java/ij.jar -d DIR IJLevels.java
//   java -Djava.awt.headless=true -cp /usr/share/java/ij.jar:DIR IJLevels < cases.txt
//
// In:  one histogram a line, 256 counts (0..2^31-1) separated by spaces, tabs or commas.
// Out: one JSON object a line, method name -> level in AutoThresholder.Method order, null where
//      the method threw (Intermodes on an empty histogram).
// IJLevels --version prints ImageJ's version instead.
import ij.IJ;
import ij.process.AutoThresholder;
import ij.process.AutoThresholder.Method;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

public class IJLevels {
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--version")) {
            System.out.println(IJ.getVersion());
            return;
        }
        if (args.length != 0) {
            System.err.println("usage: IJLevels [--version] < histograms");
            System.exit(2);
        }
        // ImageJ logs to System.out when headless; our answers get a stream of their own.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int n = 0;
        for (String line; (line = in.readLine()) != null; ) {
            n++;
            line = line.trim();
            if (line.isEmpty()) continue;
            String[] f = line.split("[\\s,]+");
            if (f.length != 256) fail(n, f.length + " counts, not 256");
            int[] hist = new int[256];
            for (int i = 0; i < 256; i++) {
                long c;
                try {
                    c = Long.parseLong(f[i]);
                } catch (NumberFormatException e) {
                    c = -1;
                }
                if (c < 0 || c > Integer.MAX_VALUE) fail(n, "bad count " + f[i]);
                hist[i] = (int) c;
            }
            StringBuilder b = new StringBuilder("{");
            for (Method m : Method.values()) {
                String level;
                try {
                    // A fresh thresholder and a copy of the counts: no method sees another's state.
                    level = Integer.toString(new AutoThresholder().getThreshold(m, hist.clone()));
                } catch (Throwable e) {
                    level = "null";
                }
                if (b.length() > 1) b.append(", ");
                b.append('"').append(m.name()).append("\": ").append(level);
            }
            out.println(b.append('}'));
        }
        out.flush();
        if (out.checkError()) fail(n, "cannot write the answers");
    }

    static void fail(int line, String why) {
        System.err.println("IJLevels: line " + line + ": " + why);
        System.exit(1);
    }
}
