// librsvg, cairo and fontconfig (Debian: librsvg2-dev, which pulls libcairo2-dev and libfontconfig-dev, and
// through gdk-pixbuf and libtiff libdeflate-dev), read only from Sources/Folio/Output/. The few calls Folio makes
// are wrapped here in small C functions so that the Swift side never handles GLib errors, cairo contexts or
// fontconfig patterns itself.
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <libdeflate.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/// Bytes of a PNG written by `folio_rasterise_svg`; free with `free(bytes)`.
typedef struct {
    unsigned char *bytes;
    size_t count;
    size_t capacity;
} FolioPNG;

static cairo_status_t folio_png_append(void *closure, const unsigned char *data, unsigned int length) {
    FolioPNG *png = (FolioPNG *)closure;
    if (png->count + length > png->capacity) {
        size_t capacity = png->capacity ? png->capacity * 2 : 65536;
        while (capacity < png->count + length) capacity *= 2;
        unsigned char *grown = (unsigned char *)realloc(png->bytes, capacity);
        if (!grown) return CAIRO_STATUS_NO_MEMORY;
        png->bytes = grown;
        png->capacity = capacity;
    }
    memcpy(png->bytes + png->count, data, length);
    png->count += length;
    return CAIRO_STATUS_SUCCESS;
}

/// Appends one PNG chunk: length, type, data and the CRC of type and data.
static int folio_png_chunk(FolioPNG *png, const char type[4], const unsigned char *data, size_t length) {
    unsigned char header[8] = {(unsigned char)(length >> 24), (unsigned char)(length >> 16),
                               (unsigned char)(length >> 8), (unsigned char)length, type[0], type[1], type[2], type[3]};
    uint32_t crc = libdeflate_crc32(0, header + 4, 4);
    if (length) crc = libdeflate_crc32(crc, data, length);  // libdeflate_crc32(crc, NULL, 0) is 0, not crc
    unsigned char trailer[4] = {(unsigned char)(crc >> 24), (unsigned char)(crc >> 16), (unsigned char)(crc >> 8),
                                (unsigned char)crc};
    return folio_png_append(png, header, 8) || (length && folio_png_append(png, data, (unsigned int)length))
        || folio_png_append(png, trailer, 4);
}

/// Bytes of unpacked rows kept between images on each thread: enough for a card or a 2× diagram of 2000×2000 pixels.
#define FOLIO_KEPT_PNG_BUFFER ((size_t)12 << 20)

/// An opaque surface as an RGB PNG: rows unfiltered, compressed by libdeflate at level 1. Cards and diagrams are
/// flat colour and text; measured on a card, this takes 3.4 ms and 64 kB against libpng's 5.1 ms and 70 kB at
/// zlib level 1 (row filters and higher levels cost more time than the few kB they save).
static int folio_write_rgb_png(cairo_surface_t *surface, FolioPNG *png) {
    int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
    int stride = cairo_image_surface_get_stride(surface);
    const unsigned char *pixels = cairo_image_surface_get_data(surface);
    size_t row = 1 + 3 * (size_t)width, count = row * (size_t)height;
    // The buffers and the compressor are kept per thread and reused: allocated afresh for every image, their
    // page faults alone cost a millisecond, more than libdeflate saves over zlib. Buffers for an image much larger
    // than a card (a big diagram) are freed after it, so a long `folio serve` does not hold them.
    static _Thread_local unsigned char *raw = NULL, *packed = NULL;
    static _Thread_local size_t rawCapacity = 0, packedCapacity = 0;
    static _Thread_local struct libdeflate_compressor *compressor = NULL;
    if (!compressor) compressor = libdeflate_alloc_compressor(1);
    size_t bound = compressor ? libdeflate_zlib_compress_bound(compressor, count) : 0;
    if (count > rawCapacity) { free(raw); raw = (unsigned char *)malloc(count); rawCapacity = raw ? count : 0; }
    if (bound > packedCapacity) { free(packed); packed = (unsigned char *)malloc(bound); packedCapacity = packed ? bound : 0; }
    int status = !raw || !compressor || !packed;
    if (!status) {
        // cairo's RGB24 is a native 32-bit word per pixel, 0x00RRGGBB; PNG wants R, G, B bytes after a filter byte.
        for (int y = 0; y < height; y++) {
            const uint32_t *source = (const uint32_t *)(pixels + (size_t)y * stride);
            unsigned char *out = raw + (size_t)y * row;
            *out++ = 0;
            for (int x = 0; x < width; x++, out += 3) {
                uint32_t pixel = source[x];
                out[0] = (unsigned char)(pixel >> 16), out[1] = (unsigned char)(pixel >> 8), out[2] = (unsigned char)pixel;
            }
        }
        size_t packedCount = libdeflate_zlib_compress(compressor, raw, count, packed, bound);
        static const unsigned char signature[8] = {137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
        unsigned char header[13] = {(unsigned char)(width >> 24), (unsigned char)(width >> 16),
                                    (unsigned char)(width >> 8), (unsigned char)width,
                                    (unsigned char)(height >> 24), (unsigned char)(height >> 16),
                                    (unsigned char)(height >> 8), (unsigned char)height,
                                    8, 2, 0, 0, 0};  // 8 bits per channel, RGB, deflate, no filter method, no interlace
        status = packedCount == 0 || folio_png_append(png, signature, 8) || folio_png_chunk(png, "IHDR", header, 13)
            || folio_png_chunk(png, "IDAT", packed, packedCount) || folio_png_chunk(png, "IEND", NULL, 0);
    }
    if (rawCapacity > FOLIO_KEPT_PNG_BUFFER) {
        free(raw), free(packed);
        raw = packed = NULL;
        rawCapacity = packedCapacity = 0;
    }
    return status;
}

/// Renders an SVG document fitted to width x height pixels (on white when `opaque` is non-zero, else on
/// transparency) and encodes it as PNG. Returns 0 on success; on failure returns non-zero and copies librsvg's
/// message (if any) into `message`.
static int folio_rasterise_svg(const unsigned char *svg, size_t length, int width, int height, int opaque,
                               FolioPNG *png, char *message, size_t message_size) {
    GError *error = NULL;
    png->bytes = NULL;
    png->count = png->capacity = 0;
    if (message_size) message[0] = 0;
    RsvgHandle *handle = rsvg_handle_new_from_data(svg, length, &error);
    if (!handle) {
        if (error && message_size) strncpy(message, error->message, message_size - 1), message[message_size - 1] = 0;
        if (error) g_error_free(error);
        return 1;
    }
    cairo_surface_t *surface = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                          width, height);
    cairo_t *cr = cairo_create(surface);
    if (opaque) {
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_paint(cr);
    }
    RsvgRectangle viewport = {0, 0, (double)width, (double)height};
    int status = 0;
    if (!rsvg_handle_render_document(handle, cr, &viewport, &error)) {
        if (error && message_size) strncpy(message, error->message, message_size - 1), message[message_size - 1] = 0;
        if (error) g_error_free(error);
        status = 2;
    }
    cairo_destroy(cr);
    if (status == 0) {
        cairo_surface_flush(surface);
        int failed = opaque ? folio_write_rgb_png(surface, png)
                            : cairo_surface_write_to_png_stream(surface, folio_png_append, png) != CAIRO_STATUS_SUCCESS;
        if (failed) {
            if (message_size) strncpy(message, "could not encode the PNG", message_size - 1);
            status = 3;
        }
    }
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    if (status != 0) { free(png->bytes); png->bytes = NULL; png->count = 0; }
    return status;
}

/// 1 when fontconfig has a font whose family is exactly `family` (ignoring case); 0 when its best match is some
/// other family, which is what a renderer would silently fall back to.
static int folio_font_family_installed(const char *family) {
    if (!FcInit()) return 0;
    FcPattern *pattern = FcNameParse((const FcChar8 *)family);
    if (!pattern) return 0;
    FcConfigSubstitute(NULL, pattern, FcMatchPattern);
    FcDefaultSubstitute(pattern);
    FcResult result;
    FcPattern *match = FcFontMatch(NULL, pattern, &result);
    int found = 0;
    if (match) {
        FcChar8 *name = NULL;
        for (int index = 0; FcPatternGetString(match, FC_FAMILY, index, &name) == FcResultMatch; index++) {
            if (strcasecmp((const char *)name, family) == 0) { found = 1; break; }
        }
        FcPatternDestroy(match);
    }
    FcPatternDestroy(pattern);
    return found;
}

/// Advance width in pixels of UTF-8 `text` set in `family` at `size` pixels, measured by cairo from the font
/// itself (through fontconfig and FreeType, as librsvg will find it).
static double folio_text_width(const char *family, int bold, double size, const char *text) {
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1);
    cairo_t *cr = cairo_create(surface);
    cairo_select_font_face(cr, family, CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
    cairo_text_extents_t extents;
    cairo_text_extents(cr, text, &extents);
    cairo_destroy(cr);
    cairo_surface_destroy(surface);
    return extents.x_advance;
}

/// Renders an SVG into `pixels` (width x height premultiplied ARGB, row by row), for tests that look at ink.
static int folio_rasterise_svg_pixels(const unsigned char *svg, size_t length, int width, int height,
                                      unsigned int *pixels) {
    RsvgHandle *handle = rsvg_handle_new_from_data(svg, length, NULL);
    if (!handle) return 1;
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create(surface);
    RsvgRectangle viewport = {0, 0, (double)width, (double)height};
    int status = rsvg_handle_render_document(handle, cr, &viewport, NULL) ? 0 : 2;
    cairo_destroy(cr);
    cairo_surface_flush(surface);
    unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; status == 0 && y < height; y++) memcpy(pixels + (size_t)y * width, data + (size_t)y * stride, (size_t)width * 4);
    cairo_surface_destroy(surface);
    g_object_unref(handle);
    return status;
}

typedef struct {
    const unsigned char *bytes;
    size_t count;
    size_t position;
} FolioPNGReader;

static cairo_status_t folio_png_read(void *closure, unsigned char *data, unsigned int length) {
    FolioPNGReader *reader = (FolioPNGReader *)closure;
    if (reader->count - reader->position < length) return CAIRO_STATUS_READ_ERROR;
    memcpy(data, reader->bytes + reader->position, length);
    reader->position += length;
    return CAIRO_STATUS_SUCCESS;
}

/// Decodes a PNG (through cairo's reader, which is libpng) into `pixels` as 0xRRGGBB words, for tests that check
/// our encoder. Returns 0 when it decoded and is width x height pixels.
static int folio_decode_png_pixels(const unsigned char *bytes, size_t count, int width, int height,
                                   unsigned int *pixels) {
    FolioPNGReader reader = {bytes, count, 0};
    cairo_surface_t *surface = cairo_image_surface_create_from_png_stream(folio_png_read, &reader);
    int status = cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS ? 1
        : cairo_image_surface_get_width(surface) != width || cairo_image_surface_get_height(surface) != height ? 2 : 0;
    if (status == 0) {
        cairo_surface_flush(surface);
        const unsigned char *data = cairo_image_surface_get_data(surface);
        int stride = cairo_image_surface_get_stride(surface);
        for (int y = 0; y < height; y++) {
            const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
            for (int x = 0; x < width; x++) pixels[(size_t)y * width + x] = row[x] & 0xffffff;
        }
    }
    cairo_surface_destroy(surface);
    return status;
}
