package com.merchantbilling.ui.billing.slips;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

class QrCodesTests {

    static final String URL = "https://buy.stripe.com/test_6oE3cZ0Zq8kN1yM9AA?prefilled_email=a%40b.jp";

    @Test
    void thePngDecodesToTheUrl() throws Exception {
        var png = QrCodes.png(URL);

        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isEqualTo(QrCodes.SIZE);
        assertThat(image.getHeight()).isEqualTo(QrCodes.SIZE);
        assertThat(decode(png)).isEqualTo(URL);
    }

    @Test
    void theDataUrlCarriesThePng() throws Exception {
        var dataUrl = QrCodes.dataUrl(URL);

        assertThat(dataUrl).startsWith("data:image/png;base64,");
        assertThat(decode(Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length())))).isEqualTo(URL);
    }

    @Test
    void differentLinksGiveDifferentCodes() throws Exception {
        var other = URL.replace("AA", "AB");
        assertThat(decode(QrCodes.png(other))).isEqualTo(other);
        assertThat(QrCodes.png(other)).isNotEqualTo(QrCodes.png(URL));
    }

    @Test
    void keepsAQuietZoneOfFourModules() {
        var matrix = QrCodes.matrix(URL, 0);
        // size 0: ZXing draws one pixel per module, so the quiet zone is counted in modules
        var top = matrix.getTopLeftOnBit();
        assertThat(top[0]).isEqualTo(4);
        assertThat(top[1]).isEqualTo(4);
    }

    @Test
    void refusesAnEmptyUrl() {
        assertThatThrownBy(() -> QrCodes.png(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    static String decode(byte[] png) throws IOException, NotFoundException, ChecksumException, FormatException {
        var image = ImageIO.read(new ByteArrayInputStream(png));
        var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
