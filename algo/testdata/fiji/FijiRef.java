// FijiRef runs Fiji's Auto Local Threshold plugin (fiji.threshold.Auto_Local_Threshold.exec, white
// objects on black) on the images of a case file and appends its output to every line. See
// README.md for how it is built and run; nothing here reimplements the plugin.
//
// Input lines: <kind> <id> <method> <radius> <par1> <par2> <w> <h> <pixels as hex, 2 digits each>
// Output lines: the input line, a space, then
//   kind "case":  the output as bits (1 = 255), row-major, packed 4 to a hex digit, MSB first;
//   kind "image": the number of 255 pixels, a space, and the SHA-256 of the w·h output bytes;
//   kind "stats": no thresholding; the local mean and standard deviation that the plugin's
//   Phansalkar method computes (ImageJ's own classes, called the way the plugin calls them), as
//   the float bits of every pixel's mean (8 hex digits each), a space, then of every σ.
import ij.ImagePlus;
import ij.plugin.ContrastEnhancer;
import ij.plugin.filter.RankFilters;
import ij.process.ImageConverter;
import ij.process.ImageProcessor;
import ij.process.ByteProcessor;
import java.io.*;
import java.security.MessageDigest;

public class FijiRef {
	public static void main(String[] args) throws Exception {
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
		PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out)));
		fiji.threshold.Auto_Local_Threshold alt = new fiji.threshold.Auto_Local_Threshold();
		String line;
		while ((line = in.readLine()) != null) {
			if (line.isEmpty() || line.startsWith("#")) continue;
			String[] f = line.split(" ");
			int radius = Integer.parseInt(f[3]);
			double p1 = Double.parseDouble(f[4]), p2 = Double.parseDouble(f[5]);
			int w = Integer.parseInt(f[6]), h = Integer.parseInt(f[7]);
			byte[] px = new byte[w * h];
			for (int i = 0; i < w * h; i++)
				px[i] = (byte) Integer.parseInt(f[8].substring(2 * i, 2 * i + 2), 16);
			ImagePlus imp = new ImagePlus("x", new ByteProcessor(w, h, px));
			if (f[0].equals("stats")) {
				out.println(line + " " + hexFloats(phansalkarStats(px, w, h, radius, false)) + " "
					+ hexFloats(phansalkarStats(px, w, h, radius, true)));
				continue;
			}
			alt.exec(imp, f[2], radius, p1, p2, true);
			byte[] o = (byte[]) imp.getProcessor().getPixels();
			StringBuilder sb = new StringBuilder(line).append(' ');
			if (f[0].equals("case")) {
				for (int i = 0; i < w * h; i += 4) {
					int d = 0;
					for (int j = 0; j < 4; j++)
						d = d << 1 | (i + j < w * h && (o[i + j] & 0xff) == 255 ? 1 : 0);
					sb.append(Character.forDigit(d, 16));
				}
			} else {
				int n = 0;
				for (byte b : o) if ((b & 0xff) == 255) n++;
				for (byte b : o) if ((b & 0xff) != 255 && b != 0) throw new RuntimeException("not binary");
				sb.append(n).append(' ');
				for (byte b : MessageDigest.getInstance("SHA-256").digest(o))
					sb.append(String.format("%02x", b & 0xff));
			}
			out.println(sb);
		}
		out.flush();
		System.exit(0);
	}

	// phansalkarStats: stretch (normalised, 0% saturated), 32-bit, ×1/255, then RankFilters MEAN,
	// or VARIANCE followed by sqrt.
	static float[] phansalkarStats(byte[] px, int w, int h, int radius, boolean sd) {
		ImagePlus imp = new ImagePlus("s", new ByteProcessor(w, h, px.clone()));
		ContrastEnhancer ce = new ContrastEnhancer();
		ce.setNormalize(true);
		ce.stretchHistogram(imp, 0.0);
		new ImageConverter(imp).convertToGray32();
		ImageProcessor ip = imp.getProcessor();
		ip.multiply(1.0 / 255);
		new RankFilters().rank(ip, radius, sd ? RankFilters.VARIANCE : RankFilters.MEAN);
		if (sd) ip.sqrt();
		return (float[]) ip.getPixels();
	}

	static String hexFloats(float[] a) {
		StringBuilder sb = new StringBuilder();
		for (float v : a) sb.append(String.format("%08x", Float.floatToRawIntBits(v)));
		return sb.toString();
	}
}
