package org.medcab.simulator;

/** A point or a direction in the cabinet's coordinate system, in metres. */
public record Vector3(double x, double y, double z) {

    public Vector3 minus(Vector3 o) {
        return new Vector3(x - o.x, y - o.y, z - o.z);
    }

    public double dot(Vector3 o) {
        return x * o.x + y * o.y + z * o.z;
    }

    public double length() {
        return Math.sqrt(dot(this));
    }

    public double distanceTo(Vector3 o) {
        return minus(o).length();
    }

    @Override
    public String toString() {
        return "[" + x + ", " + y + ", " + z + "]";
    }
}
