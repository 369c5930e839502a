package org.medcab.simulator.internal;

import org.medcab.simulator.Scenario.Label;
import org.medcab.simulator.Vector3;

/**
 * The pinned link budget of spec section 8.2. Every figure here is the spec's; changing one is a
 * product decision, not a tweak.
 */
public final class LinkBudget {
    public static final double SPEED_OF_LIGHT = 299_792_458.0;
    public static final double DEFAULT_FREQUENCY_HZ = 915.0e6;
    /** Path loss is not allowed to fall further below this distance (the far-field formula breaks down). */
    public static final double MIN_DISTANCE_M = 0.05;
    public static final double READER_GAIN_DBI = 6.0;
    /** Floor of the off-boresight factor, so the back of an antenna is weak but not infinitely so. */
    public static final double MIN_COS_THETA = 0.02;
    public static final double FLAT_LABEL_GAIN_DBI = 2.0;
    public static final double BENT_LABEL_GAIN_DBI = -1.0;
    public static final double WAKE_UP_DBM = -18.0;
    public static final double FADING_SIGMA_DB = 2.0;
    public static final double RSSI_SIGMA_DB = 2.0;
    public static final double BACKSCATTER_EXTRA_LOSS_DB = 10.0;
    /** A reply weaker than this at the reader is not decoded. */
    public static final double DECODE_FLOOR_DBM = -75.0;
    public static final int RAW_RSSI_OFFSET = 129;
    public static final int RAW_RSSI_MIN = 31;
    public static final int RAW_RSSI_MAX = 98;

    private LinkBudget() {
    }

    /** Free-space path loss 20·log10(4πd/λ), d floored at 5 cm. */
    public static double pathLossDb(double distanceM, double frequencyHz) {
        double d = Math.max(distanceM, MIN_DISTANCE_M);
        double lambda = SPEED_OF_LIGHT / frequencyHz;
        return 20 * Math.log10(4 * Math.PI * d / lambda);
    }

    /** 6 dBi on boresight plus 20·log10(max(cos θ, 0.02)). */
    public static double readerGainDbi(double thetaRad) {
        return READER_GAIN_DBI + 20 * Math.log10(Math.max(Math.cos(thetaRad), MIN_COS_THETA));
    }

    public static double tagGainDbi(Label label) {
        return label == Label.FLAT ? FLAT_LABEL_GAIN_DBI : BENT_LABEL_GAIN_DBI;
    }

    /**
     * θ of 8.1: the angle between boresight and the line to the tag, or the tag's tilt against that
     * line when the tilt is larger.
     */
    public static double thetaRad(Vector3 antenna, Vector3 boresight, Vector3 tag, double tiltDeg) {
        Vector3 line = tag.minus(antenna);
        double d = line.length();
        double offAxis = 0;
        if (d > 0) {
            double cos = line.dot(boresight) / (d * boresight.length());
            offAxis = Math.acos(Math.max(-1, Math.min(1, cos)));
        }
        return Math.max(offAxis, Math.toRadians(tiltDeg));
    }

    /**
     * The mean (unfaded) link between one antenna and one tag.
     *
     * @param tagPowerDbm P_tag = P_tx + G_reader(θ) + G_tag − PL(d)
     * @param rssiDbm     mean backscatter at the reader: P_tx + 2·G_reader(θ) + 2·G_tag − 2·PL(d) − 10
     */
    public record Link(double tagPowerDbm, double rssiDbm) {
    }

    public static Link link(double txPowerDbm, Vector3 antenna, Vector3 boresight, Vector3 tag, Label label,
                            double tiltDeg, double frequencyHz) {
        double gReader = readerGainDbi(thetaRad(antenna, boresight, tag, tiltDeg));
        double gTag = tagGainDbi(label);
        double pl = pathLossDb(antenna.distanceTo(tag), frequencyHz);
        return new Link(txPowerDbm + gReader + gTag - pl,
                txPowerDbm + 2 * gReader + 2 * gTag - 2 * pl - BACKSCATTER_EXTRA_LOSS_DB);
    }

    /** Whether a tag with this faded power wakes up for the round. */
    public static boolean powered(double fadedTagPowerDbm) {
        return fadedTagPowerDbm >= WAKE_UP_DBM;
    }

    /** Whether a reply this strong is decoded. */
    public static boolean decodable(double rssiDbm) {
        return rssiDbm >= DECODE_FLOOR_DBM;
    }

    /** The RSSI byte a reader reports: round(dBm) + 129, clamped to 31..98. */
    public static int rawRssi(double rssiDbm) {
        long raw = Math.round(rssiDbm) + RAW_RSSI_OFFSET;
        return (int) Math.max(RAW_RSSI_MIN, Math.min(RAW_RSSI_MAX, raw));
    }

    /** Probability that a tag whose mean power is {@code tagPowerDbm} takes part in a round. */
    public static double participation(double tagPowerDbm) {
        return 1 - normalCdf((WAKE_UP_DBM - tagPowerDbm) / FADING_SIGMA_DB);
    }

    /** Standard normal CDF (Abramowitz-Stegun 26.2.17, error below 7.5e-8), for expectations, not for draws. */
    public static double normalCdf(double z) {
        if (z < 0) {
            return 1 - normalCdf(-z);
        }
        double t = 1 / (1 + 0.2316419 * z);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI) * poly;
    }
}
