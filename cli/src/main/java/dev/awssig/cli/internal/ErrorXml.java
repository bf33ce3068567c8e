package dev.awssig.cli.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * An S3 error response ({@code <Error><Code>...}), with the canonical request and string to sign
 * the server computed for a {@code SignatureDoesNotMatch}. The {@code ...Bytes} forms (hex bytes)
 * are preferred to the text forms, since XML parsing turns CRLF into LF.
 */
final class ErrorXml {
    final Map<String, String> fields;

    private ErrorXml(Map<String, String> fields) {
        this.fields = fields;
    }

    String get(String name) {
        return fields.get(name);
    }

    String code() {
        return fields.get("Code");
    }

    String message() {
        return fields.get("Message");
    }

    String canonicalRequest() {
        String bytes = fields.get("CanonicalRequestBytes");
        return bytes != null ? fromHexBytes(bytes, "CanonicalRequestBytes") : fields.get("CanonicalRequest");
    }

    String stringToSign() {
        String bytes = fields.get("StringToSignBytes");
        return bytes != null ? fromHexBytes(bytes, "StringToSignBytes") : fields.get("StringToSign");
    }

    static ErrorXml parse(byte[] xml, String field) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            doc = b.parse(new ByteArrayInputStream(xml, start(xml), xml.length - start(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser", e);
        } catch (SAXException e) {
            throw new UserException(field + ": not an S3 error XML document: " + Cli.oneLine(e.getMessage()));
        } catch (IOException e) {
            throw new UserException(field + ": cannot read: " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!root.getTagName().equals("Error")) {
            throw new UserException(field + ": expected an S3 error document (<Error><Code>...), found <"
                    + root.getTagName() + ">");
        }
        Map<String, String> fields = new HashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                fields.put(n.getNodeName(), n.getTextContent());
            }
        }
        if (!fields.containsKey("Code")) {
            throw new UserException(field + ": the error document has no <Code>");
        }
        return new ErrorXml(fields);
    }

    /**
     * Where the XML starts: a saved response may begin with the status line and headers
     * ({@code curl -i}); the document starts at {@code <?xml} or {@code <Error}.
     */
    private static int start(byte[] b) {
        String head = new String(b, 0, Math.min(b.length, 65536), java.nio.charset.StandardCharsets.ISO_8859_1);
        int decl = head.indexOf("<?xml");
        if (decl >= 0) {
            return decl;
        }
        int error = head.indexOf("<Error");
        return error >= 0 ? error : 0;
    }

    /** Decodes S3's {@code "47 45 54 0a ..."} form. */
    static String fromHexBytes(String hex, String field) {
        String[] parts = hex.strip().split("\\s+");
        byte[] out = new byte[parts.length];
        int n = 0;
        for (String p : parts) {
            if (p.isEmpty()) {
                continue;
            }
            if (p.length() != 2) {
                throw new UserException(field + ": expected hex bytes like '47 45 54', found '" + p + "'");
            }
            try {
                out[n++] = (byte) Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new UserException(field + ": expected hex bytes like '47 45 54', found '" + p + "'");
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
