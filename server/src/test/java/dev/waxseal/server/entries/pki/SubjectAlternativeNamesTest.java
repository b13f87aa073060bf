package dev.waxseal.server.entries.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubjectAlternativeNamesTest {
  /** Go's net.IP.String(): dotted IPv4 (also IPv4-mapped), RFC 5952 for IPv6. */
  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "::ffff:192.0.2.1, 192.0.2.1",
    "2001:db8:0:0:0:0:0:1, 2001:db8::1",
    "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
    "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
    "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
    "2001:db8:0:1:2:3:4:5, 2001:db8:0:1:2:3:4:5",
    "0:0:0:0:0:0:0:0, ::",
    "0:0:0:0:0:0:0:1, ::1",
    "fe80:0:0:0:0:0:0:0, fe80::"
  })
  void formatsIpAddressesAsGo(String address, String expected) throws UnknownHostException {
    byte[] bytes = InetAddress.getByName(address).getAddress();
    if (address.startsWith("::ffff:")) {
      bytes = new byte[16];
      bytes[10] = (byte) 0xff;
      bytes[11] = (byte) 0xff;
      System.arraycopy(InetAddress.getByName("192.0.2.1").getAddress(), 0, bytes, 12, 4);
    }
    assertThat(SubjectAlternativeNames.ipString(bytes)).isEqualTo(expected);
  }
}
