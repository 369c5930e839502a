package org.medcab.rs485.internal;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.medcab.reader.protocol.Command;
import org.medcab.reader.protocol.ErrorCode;
import org.medcab.reader.protocol.FirmwareVersion;
import org.medcab.reader.protocol.Frame;
import org.medcab.reader.protocol.InventorySummary;
import org.medcab.reader.protocol.MalformedFrameException;
import org.medcab.reader.protocol.Replies;
import org.medcab.reader.protocol.Request;
import org.medcab.reader.protocol.TagRecord;

/**
 * A reader as a test scripts it: answers the commands the gateway uses, built only with the
 * protocol bundle's encoders. Every field may be changed while it runs.
 */
final class TestReader {
    final int address;
    final List<Frame> requests = new CopyOnWriteArrayList<>();
    volatile boolean silent;
    /** Requests to leave unanswered before answering again. */
    final java.util.concurrent.atomic.AtomicInteger ignoreNext = new java.util.concurrent.atomic.AtomicInteger();
    volatile List<String> tags = List.of();
    volatile ErrorCode inventoryError;
    volatile ErrorCode powerStatus = ErrorCode.SUCCESS;
    /** Raw bytes sent (once) before the next reply. */
    volatile byte[] noiseBeforeNextReply;
    /** Silence before the summary of an inventory. */
    volatile int summaryDelayMillis;
    /** Whether an inventory stops before its summary. */
    volatile boolean dropSummary;
    volatile int workAntenna;
    volatile int outputPowerDbm = -1;

    TestReader(int address) {
        this.address = address;
    }

    static List<String> epcs(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(String.format("3074257BF7194E40%08X", i));
        }
        return out;
    }

    /** Requests of one command this reader received. */
    long count(Command command) {
        return requests.stream().filter(f -> f.command() == command.code() && f.address() == address).count();
    }

    /** The bytes to send back, as separate writes (an inventory is one write per frame); empty for none. */
    List<Step> answer(Frame request) {
        requests.add(request);
        if ((request.address() != address && request.address() != Frame.PUBLIC_ADDRESS) || silent
                || ignoreNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return List.of();
        }
        List<Step> out = new ArrayList<>();
        byte[] noise = noiseBeforeNextReply;
        if (noise != null) {
            noiseBeforeNextReply = null;
            out.add(new Step(0, noise));
        }
        Request r;
        try {
            r = Request.decode(request);
        } catch (MalformedFrameException e) {
            out.add(new Step(0, Replies.error(address, Command.of(request.command()).orElse(Command.RESET),
                    e.readerError()).encode()));
            return out;
        }
        switch (r.command()) {
            case GET_FIRMWARE_VERSION -> out.add(new Step(0, Replies.firmwareVersion(address, new FirmwareVersion(1, 8)).encode()));
            case SET_OUTPUT_POWER -> {
                outputPowerDbm = ((Request.SetOutputPower) r).power().forPort(0);
                out.add(new Step(0, Replies.status(address, Command.SET_OUTPUT_POWER, powerStatus).encode()));
            }
            case SET_WORK_ANTENNA -> {
                workAntenna = ((Request.SetWorkAntenna) r).antenna();
                out.add(new Step(0, Replies.status(address, Command.SET_WORK_ANTENNA, ErrorCode.SUCCESS).encode()));
            }
            case SESSION_INVENTORY -> {
                if (inventoryError != null) {
                    out.add(new Step(0, Replies.error(address, Command.SESSION_INVENTORY, inventoryError).encode()));
                    break;
                }
                List<String> now = tags;
                int rssi = 60;
                for (String epc : now) {
                    out.add(new Step(0, TagRecord.of(45, workAntenna, HexFormat.of().parseHex(epc), rssi)
                            .toFrame(address, Command.SESSION_INVENTORY).encode()));
                }
                if (!dropSummary) {
                    out.add(new Step(summaryDelayMillis, new InventorySummary(workAntenna, 100, now.size())
                            .toFrame(address, Command.SESSION_INVENTORY).encode()));
                }
            }
            default -> out.add(new Step(0, Replies.error(address, r.command(), ErrorCode.COMMAND_FAILED).encode()));
        }
        return out;
    }

    /** Bytes to write after a pause. */
    record Step(int delayMillis, byte[] bytes) {
        static byte[] concat(List<Step> steps) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            steps.forEach(s -> out.writeBytes(s.bytes()));
            return out.toByteArray();
        }
    }
}
