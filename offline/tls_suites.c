/* Cipher suite table (see tls_suites.h); values from the IANA TLS Cipher Suites registry. */
#include "tls_suites.h"

#define GCM128(id, name) { id, name, 0, MD_AEAD_GCM, "AES-128-GCM", 16, 4, NULL, 0, "SHA256" }
#define GCM256(id, name) { id, name, 0, MD_AEAD_GCM, "AES-256-GCM", 32, 4, NULL, 0, "SHA384" }
#define CHACHA(id, name) { id, name, 0, MD_AEAD_CHACHA, "ChaCha20-Poly1305", 32, 12, NULL, 0, "SHA256" }
#define CBC(id, name, bits, mac, maclen, prf) \
    { id, name, 0, MD_CBC, "AES-" #bits "-CBC", bits / 8, 0, mac, maclen, prf }

static const md_suite suites[] = {
    CBC(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA", 128, "SHA1", 20, "SHA256"),
    CBC(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", 128, "SHA1", 20, "SHA256"),
    CBC(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA", 256, "SHA1", 20, "SHA256"),
    CBC(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA", 256, "SHA1", 20, "SHA256"),
    CBC(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256", 128, "SHA256", 32, "SHA256"),
    CBC(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256", 256, "SHA256", 32, "SHA256"),
    CBC(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256", 128, "SHA256", 32, "SHA256"),
    CBC(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256", 256, "SHA256", 32, "SHA256"),
    GCM128(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
    GCM256(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
    GCM128(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
    GCM256(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
    { 0x1301, "TLS_AES_128_GCM_SHA256", 1, MD_AEAD_GCM, "AES-128-GCM", 16, 12, NULL, 0, "SHA256" },
    { 0x1302, "TLS_AES_256_GCM_SHA384", 1, MD_AEAD_GCM, "AES-256-GCM", 32, 12, NULL, 0, "SHA384" },
    { 0x1303, "TLS_CHACHA20_POLY1305_SHA256", 1, MD_AEAD_CHACHA, "ChaCha20-Poly1305", 32, 12, NULL, 0, "SHA256" },
    CBC(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", 128, "SHA1", 20, "SHA256"),
    CBC(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", 256, "SHA1", 20, "SHA256"),
    CBC(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", 128, "SHA1", 20, "SHA256"),
    CBC(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", 256, "SHA1", 20, "SHA256"),
    CBC(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", 128, "SHA256", 32, "SHA256"),
    CBC(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", 256, "SHA384", 48, "SHA384"),
    CBC(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", 128, "SHA256", 32, "SHA256"),
    CBC(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", 256, "SHA384", 48, "SHA384"),
    GCM128(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
    GCM256(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
    GCM128(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
    GCM256(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
    CHACHA(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
    CHACHA(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
    CHACHA(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
};

const md_suite *md_suite_find(uint16_t id)
{
    for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
        if (suites[i].id == id)
            return &suites[i];
    return NULL;
}

/* Suites seen in captures that mapidump does not decrypt, named in its report. */
static const struct {
    uint16_t id;
    const char *name;
} others[] = {
    { 0x0005, "TLS_RSA_WITH_RC4_128_SHA" },
    { 0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA" },
    { 0x1304, "TLS_AES_128_CCM_SHA256" },
    { 0x1305, "TLS_AES_128_CCM_8_SHA256" },
    { 0xC0AC, "TLS_ECDHE_ECDSA_WITH_AES_128_CCM" },
    { 0xC09C, "TLS_RSA_WITH_AES_128_CCM" },
};

const char *md_suite_name(uint16_t id)
{
    const md_suite *s = md_suite_find(id);
    if (s)
        return s->name;
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        if (others[i].id == id)
            return others[i].name;
    return NULL;
}
