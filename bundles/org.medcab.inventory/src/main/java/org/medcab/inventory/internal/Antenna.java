package org.medcab.inventory.internal;

/** One antenna port of one reader: the unit that reads a tag and watches a zone. */
record Antenna(String readerId, int port) {
    @Override
    public String toString() {
        return readerId + "/" + port;
    }
}
