package com.merchantbilling.ui.billing.slips;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * QR codes of payment link URLs, as PNG images (ZXing). The one place that knows how a link becomes a picture: the
 * details dialog, the PNG download and the payment slips all take theirs from here.
 */
public final class QrCodes {

    /** Pixels per side of the PNG: sharp when printed at 4 cm on a slip, small enough to send 100 at once. */
    public static final int SIZE = 320;

    /**
     * Error correction M (15 % of the code may be lost) survives a crease or a smudge on a printed slip and keeps a
     * Stripe link URL (about 80 characters) at a version a phone reads from arm's length; the quiet zone of four
     * modules is the width ISO/IEC 18004 asks for, which ZXing's margin counts in modules.
     */
    private static final Map<EncodeHintType, Object> HINTS = Map.of(
            EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M,
            EncodeHintType.CHARACTER_SET, "UTF-8",
            EncodeHintType.MARGIN, 4);

    private QrCodes() {
    }

    public static BitMatrix matrix(String url, int size) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("A QR code needs a URL");
        }
        try {
            return new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, size, size, HINTS);
        } catch (WriterException e) {
            // only for contents beyond a QR code's capacity (about 2,900 bytes at level M), which no link URL reaches
            throw new IllegalArgumentException("Cannot encode " + url.length() + " characters as a QR code", e);
        }
    }

    /** The URL's QR code as a PNG of {@link #SIZE} pixels per side, black on white. */
    public static byte[] png(String url) {
        var out = new ByteArrayOutputStream();
        try {
            MatrixToImageWriter.writeToStream(matrix(url, SIZE), "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The PNG as a {@code data:} URL for an {@code <img>}: printing a page of slips must not wait for, or lose, one
     * image request per slip, and the picture stays valid however long the tab stays open.
     */
    public static String dataUrl(String url) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png(url));
    }
}
