package io.chatsignals.bench;

import java.util.List;

/**
 * Whether a series measured over a long run is flat: the least-squares slope of its samples, the noise around that
 * line (the standard deviation of the residuals), and a verdict that does not rest on a judgement by eye — flat when the
 * change the slope predicts over the span of the samples is within twice the noise, or within {@code tolerance} of the
 * series' mean (a series that barely moves at all has no noise to compare with).
 *
 * @param slopePerHour the least-squares slope, units per hour
 * @param noise        the standard deviation of the residuals around the fitted line, units
 * @param mean         the series' mean, units
 * @param change       the slope times the span of the samples: what the series gained over the run, units
 * @param flat         the verdict
 */
public record Trend(double slopePerHour, double noise, double mean, double change, boolean flat) {
    /** One sample: when (seconds from the start of the run) and the value. */
    public record Point(double seconds, double value) {}

    /**
     * @param points    at least two samples, in any order
     * @param tolerance the share of the mean a change may reach and still be flat (0.05: 5 %)
     * @throws IllegalArgumentException for fewer than two samples, or all at one time
     */
    public static Trend of(List<Point> points, double tolerance) {
        int n = points.size();
        if (n < 2) {
            throw new IllegalArgumentException("a trend needs at least two samples, got " + n);
        }
        double mx = points.stream().mapToDouble(Point::seconds).average().orElseThrow();
        double my = points.stream().mapToDouble(Point::value).average().orElseThrow();
        double sxx = 0;
        double sxy = 0;
        for (Point p : points) {
            sxx += (p.seconds() - mx) * (p.seconds() - mx);
            sxy += (p.seconds() - mx) * (p.value() - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("the samples of a trend must span some time");
        }
        double slope = sxy / sxx; // per second
        double residuals = 0;
        for (Point p : points) {
            double r = p.value() - (my + slope * (p.seconds() - mx));
            residuals += r * r;
        }
        double noise = Math.sqrt(residuals / n);
        double span = points.stream().mapToDouble(Point::seconds).max().orElseThrow()
                - points.stream().mapToDouble(Point::seconds).min().orElseThrow();
        double change = slope * span;
        boolean flat = Math.abs(change) <= Math.max(2 * noise, tolerance * Math.abs(my));
        return new Trend(slope * 3600, noise, my, change, flat);
    }
}
