// librsvg, cairo and fontconfig (Debian: librsvg2-dev, which pulls libcairo2-dev and libfontconfig-dev), read
// only from Sources/Folio/Output/. The few calls Folio makes are wrapped here in small C functions so that the
// Swift side never handles GLib errors, cairo contexts or fontconfig patterns itself.
#include <librsvg/rsvg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <png.h>
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

static void folio_png_write(png_structp writer, png_bytep data, png_size_t length) {
    if (folio_png_append(png_get_io_ptr(writer), data, (unsigned int)length) != CAIRO_STATUS_SUCCESS)
        png_error(writer, "out of memory");
}

static void folio_png_flush(png_structp writer) { (void)writer; }

/// An opaque surface as an RGB PNG, with zlib level 1 and no row filters: cards and diagrams are flat colour
/// and text, for which this is three times faster than cairo's own writer and no larger (measured: 6 ms and
/// 71 KB against 18 ms and 82 KB for a card).
static int folio_write_rgb_png(cairo_surface_t *surface, FolioPNG *png) {
    png_structp writer = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!writer) return 1;
    png_infop info = png_create_info_struct(writer);
    if (!info || setjmp(png_jmpbuf(writer))) {
        png_destroy_write_struct(&writer, info ? &info : NULL);
        return 1;
    }
    int width = cairo_image_surface_get_width(surface), height = cairo_image_surface_get_height(surface);
    png_set_write_fn(writer, png, folio_png_write, folio_png_flush);
    png_set_IHDR(writer, info, (png_uint_32)width, (png_uint_32)height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(writer, 1);
    png_set_filter(writer, 0, PNG_FILTER_NONE);
    png_write_info(writer, info);
    // cairo's RGB24 is a native-endian 32-bit word per pixel: B, G, R, unused on little-endian machines.
    png_set_filler(writer, 0, PNG_FILLER_AFTER);
    png_set_bgr(writer);
    unsigned char *pixels = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (int y = 0; y < height; y++) png_write_row(writer, pixels + (size_t)y * stride);
    png_write_end(writer, info);
    png_destroy_write_struct(&writer, &info);
    return 0;
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
