// MacroRunner runs ImageJ macros as a student would paste them into ImageJ, one after another in
// one ImageJ: TestCallsRun (run_test.go) writes each macro as it is shown on the page and runs
//
//   xvfb-run -a java -cp /usr/share/java/ij.jar MacroRunner.java CASE_DIR...
//
// from a working folder. For each CASE_DIR it copies CASE_DIR/picture.png to ./picture.png (the
// macro opens "picture.png"), runs CASE_DIR/snippet.ijm, moves ./result.png (the macro saves
// "result.png") to CASE_DIR/result.png and writes the macro's variables, "name<TAB>value" a line,
// to CASE_DIR/vars.txt, or what went wrong to CASE_DIR/error.txt. A command named in
// CASE_DIR/commands.txt (one a line) that this ImageJ lacks (Fiji's Auto Local Threshold in plain
// ImageJ) is written to CASE_DIR/missing.txt and the macro is not run.
//
// ImageJ 1.53t builds its AWT menus (its command table) on the first open, even in batch mode, so
// it needs a display: xvfb-run gives it one. Errors go to error.txt, never to a dialog.
import ij.IJ;
import ij.ImagePlus;
import ij.Menus;
import ij.WindowManager;
import ij.macro.Interpreter;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

public class MacroRunner {
    public static void main(String[] args) throws Exception {
        Interpreter.batchMode = true;
        IJ.redirectErrorMessages(true);
        if (Menus.getCommands() == null) { // the command table, as ImageJ makes it on its first open
            Method init = IJ.class.getDeclaredMethod("init");
            init.setAccessible(true);
            init.invoke(null);
        }
        Path picture = Paths.get("picture.png"), result = Paths.get("result.png");
        for (String arg : args) {
            Path dir = Paths.get(arg);
            Files.deleteIfExists(result);
            List<String> missing = new ArrayList<>();
            Path commands = dir.resolve("commands.txt");
            if (Files.exists(commands)) {
                for (String c : Files.readAllLines(commands, StandardCharsets.UTF_8)) {
                    if (!c.isEmpty() && !Menus.getCommands().containsKey(c)) missing.add(c);
                }
            }
            if (!missing.isEmpty()) {
                Files.write(dir.resolve("missing.txt"), missing, StandardCharsets.UTF_8);
                continue;
            }
            Files.copy(dir.resolve("picture.png"), picture, StandardCopyOption.REPLACE_EXISTING);
            String code = new String(Files.readAllBytes(dir.resolve("snippet.ijm")), StandardCharsets.UTF_8);
            Interpreter in = new Interpreter();
            Field ignore = Interpreter.class.getDeclaredField("ignoreErrors"); // errors to us, not to a dialog
            ignore.setAccessible(true);
            ignore.setBoolean(in, true);
            String error = null;
            try {
                in.run(code, null);
                Field msg = Interpreter.class.getDeclaredField("errorMessage");
                msg.setAccessible(true);
                if (msg.get(in) != null) error = "macro error: " + msg.get(in);
            } catch (Throwable e) {
                error = e.toString();
            }
            if (error == null) {
                Files.write(dir.resolve("vars.txt"), List.of(in.getVariables()), StandardCharsets.UTF_8);
                if (Files.exists(result)) Files.move(result, dir.resolve("result.png"), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.write(dir.resolve("error.txt"), List.of(error), StandardCharsets.UTF_8);
            }
            int[] ids = WindowManager.getIDList(); // the next macro starts with no image open
            if (ids != null) {
                for (int id : ids) {
                    ImagePlus imp = WindowManager.getImage(id);
                    if (imp != null) {
                        imp.changes = false;
                        imp.close();
                        Interpreter.removeBatchModeImage(imp);
                    }
                }
            }
        }
        System.exit(0);
    }
}
