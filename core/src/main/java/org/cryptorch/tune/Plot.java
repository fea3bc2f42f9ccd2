package org.cryptorch.tune;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A blank chart with a title, two labelled axes with ticks and a data-to-pixel mapping; the report's and the
 * benchmark's charts draw on it. Plain java.awt in headless mode, so reports need no display and no plotting
 * dependency.
 */
public final class Plot {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;
    private static final int TICKS = 5;

    static {
        // charts are drawn by servers and CI without a display
        System.setProperty("java.awt.headless", "true");
    }

    private final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    private final Graphics2D g = image.createGraphics();
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /** Axes over the given data ranges, widened a little so points do not sit on the frame. */
    Plot(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax) {
        this(title, xLabel, yLabel, xMin, xMax, yMin, yMax, null);
    }

    /**
     * A bar chart's axes: category {@code i} spans x from {@code i} to {@code i + 1} and is labelled below it; y
     * runs from 0 to {@code yMax}.
     */
    public static Plot bars(String title, String yLabel, List<String> categories, double yMax) {
        return new Plot(title, "", yLabel, 0, categories.size(), 0, yMax, categories);
    }

    private Plot(String title, String xLabel, String yLabel, double xMin, double xMax, double yMin, double yMax,
                 List<String> categories) {
        double xPad = pad(xMin, xMax);
        // bars stand on zero: only their tops get room
        double yPad = categories == null ? pad(yMin, yMax) : 0;
        this.xMin = xMin - xPad;
        this.xMax = xMax + xPad;
        this.yMin = yMin - yPad;
        this.yMax = yMax + (categories == null ? yPad : pad(yMin, yMax));
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(xLabel, yLabel, categories);
    }

    private static double pad(double lo, double hi) {
        double span = hi - lo;
        return span > 0 ? span * 0.05 : Math.max(Math.abs(hi) * 0.05, 1e-9);
    }

    private void axes(String xLabel, String yLabel, List<String> categories) {
        int x0 = LEFT;
        int y0 = HEIGHT - BOTTOM;
        g.drawLine(x0, y0, WIDTH - RIGHT, y0);
        g.drawLine(x0, y0, x0, TOP);
        for (int i = 0; i <= TICKS; i++) {
            double xv = xMin + (xMax - xMin) * i / TICKS;
            double yv = yMin + (yMax - yMin) * i / TICKS;
            int px = x(xv);
            int py = y(yv);
            if (categories == null) {
                g.drawLine(px, y0, px, y0 + 5);
                g.drawString(number(xv), px - 20, y0 + 20);
            }
            g.drawLine(x0 - 5, py, x0, py);
            g.drawString(number(yv), 10, py + 4);
        }
        for (int i = 0; categories != null && i < categories.size(); i++) {
            String label = categories.get(i);
            g.drawString(label, x(i + 0.5) - g.getFontMetrics().stringWidth(label) / 2, y0 + 20);
        }
        g.drawString(xLabel, LEFT + (WIDTH - LEFT - RIGHT) / 2 - 60, y0 + 45);
        g.drawString(yLabel, 10, TOP - 14);
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    public int x(double v) {
        return LEFT + (int) Math.round((v - xMin) / (xMax - xMin) * (WIDTH - LEFT - RIGHT));
    }

    public int y(double v) {
        return HEIGHT - BOTTOM - (int) Math.round((v - yMin) / (yMax - yMin) * (HEIGHT - BOTTOM - TOP));
    }

    public Graphics2D graphics() {
        return g;
    }

    void dot(double xv, double yv, Color color, int radius) {
        g.setColor(color);
        g.fillOval(x(xv) - radius, y(yv) - radius, 2 * radius, 2 * radius);
    }

    void line(double x1, double y1, double x2, double y2, Color color) {
        g.setColor(color);
        g.setStroke(new BasicStroke(2));
        g.drawLine(x(x1), y(y1), x(x2), y(y2));
        g.setStroke(new BasicStroke(1));
    }

    /** A legend entry below the axis label: four columns a row, two rows. */
    public void legend(int slot, Color color, String text) {
        int lx = LEFT + slot % 4 * 200;
        int ly = HEIGHT - 45 + slot / 4 * 20;
        g.setColor(color);
        g.fillRect(lx, ly - 10, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString(text, lx + 18, ly);
    }

    public void write(Path file) throws IOException {
        g.dispose();
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer available for " + file);
        }
    }
}
