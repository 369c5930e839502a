package org.medcab.reader.protocol;

/** The input levels of GPIO1 and GPIO2 answered to 0x60. */
public record GpioLevels(boolean gpio1High, boolean gpio2High) {
}
