package io.chainpulse.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** A small headless line chart (java.awt + ImageIO), enough for percentiles over time and memory against load. */
public final class LineChart {
    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private record Series(String name, List<double[]> points, boolean dashed) {}

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    public LineChart series(String name, List<double[]> points) {
        series.add(new Series(name, List.copyOf(points), false));
        return this;
    }

    public LineChart dashed(String name, List<double[]> points) {
        series.add(new Series(name, List.copyOf(points), true));
        return this;
    }

    public void write(Path file) {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (Double.isFinite(p[1])) {
                    minX = Math.min(minX, p[0]);
                    maxX = Math.max(maxX, p[0]);
                    maxY = Math.max(maxY, p[1]);
                }
            }
        }
        if (minX > maxX) {
            minX = 0;
            maxX = 1;
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        maxY = niceCeiling(maxY <= 0 ? 1 : maxY * 1.05);
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 5; i++) {
            int y = TOP + plotH - plotH * i / 5;
            g.setColor(new Color(0xe0e0e0));
            g.drawLine(LEFT, y, LEFT + plotW, y);
            g.setColor(Color.DARK_GRAY);
            String tick = format(maxY * i / 5);
            g.drawString(tick, LEFT - 6 - g.getFontMetrics().stringWidth(tick), y + 4);
            int x = LEFT + plotW * i / 5;
            g.drawString(format(minX + (maxX - minX) * i / 5), x - 10, TOP + plotH + 18);
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, plotW, plotH);
        g.drawString(xLabel, LEFT + plotW / 2 - 40, HEIGHT - 15);
        g.rotate(-Math.PI / 2);
        g.drawString(yLabel, -(TOP + plotH / 2 + g.getFontMetrics().stringWidth(yLabel) / 2), 16);
        g.rotate(Math.PI / 2);
        int legendY = TOP + 15;
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            g.setColor(PALETTE[s % PALETTE.length]);
            g.setStroke(line.dashed()
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f)
                    : new BasicStroke(2f));
            int[] previous = null;
            for (double[] p : line.points()) {
                if (!Double.isFinite(p[1])) {
                    previous = null;
                    continue;
                }
                int x = LEFT + (int) ((p[0] - minX) / (maxX - minX) * plotW);
                int y = TOP + plotH - (int) (Math.min(p[1], maxY) / maxY * plotH);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], x, y);
                }
                g.fillOval(x - 2, y - 2, 5, 5);
                previous = new int[] {x, y};
            }
            g.drawLine(LEFT + plotW - 190, legendY - 4, LEFT + plotW - 165, legendY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(line.name(), LEFT + plotW - 160, legendY);
            legendY += 16;
        }
        g.dispose();
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String format(double value) {
        if (Math.abs(value) >= 1_000_000) {
            return "%.1fM".formatted(value / 1_000_000);
        }
        if (Math.abs(value) >= 10_000) {
            return "%.0fk".formatted(value / 1000);
        }
        if (Math.abs(value) >= 1000) {
            return "%.1fk".formatted(value / 1000);
        }
        return value == Math.rint(value) ? "%.0f".formatted(value) : "%.1f".formatted(value);
    }
}
