// A canvas of shapes, written the way libraries usually are: the comments say what
// the functions do, not what a binding generator needs to know. Nothing here says
// which calls throw, who owns a returned pointer, or which pointers are written.
#pragma once

#include <memory>
#include <string>
#include <vector>

#if defined(__GNUC__) || defined(__clang__)
#define CANVAS_API __attribute__((visibility("default")))
#else
#define CANVAS_API
#endif

// Text as the library spells it (a macro in a default argument).
#define CANVAS_TEXT(text) text

namespace canvas {

/// A colour.
enum class color : unsigned char { red = 1, green = 2, blue = 4, white = 7 };

class canvas;
class cursor;

/// A named layer of a canvas, which owns it.
class CANVAS_API layer {
public:
    /// The layer's name.
    const char* name() const;
    /// Renames the layer.
    void rename(const char* name);
    /// How deep it is: 0 for the first layer.
    int depth() const;

private:
    friend class canvas;
    layer(const char* name, int depth);
    ~layer();
    char* name_;
    int depth_;
};

/// A drawing area holding shapes.
class CANVAS_API canvas {
public:
    /// How shapes are drawn.
    enum mode { outline, filled, hidden = -1 };

    /// A canvas of the given size.
    explicit canvas(int width = 100, int height = 100);
    ~canvas();
    canvas(const canvas&) = delete;
    canvas& operator=(const canvas&) = delete;

    /// A new canvas for a page of the given size.
    static canvas* create(int width, int height);
    /// A canvas like this one, without its shapes.
    canvas* clone() const;
    /// A square canvas.
    static std::unique_ptr<canvas> square(int side);
    /// A square canvas to share.
    static std::shared_ptr<canvas> shared(int side);

    /// Adds `count` shapes at (x, y); returns how many the canvas holds.
    int add(double x, double y = 0.0, int count = 1);
    /// How many shapes the canvas holds.
    int count() const noexcept;
    /// The kind of the shape at `index`.
    int kind_at(int index) const;
    /// Checks the canvas.
    void validate() const;

    /// The width and the height.
    void size(int* width, int* height) const;
    /// Where the first shape at (x, y) is.
    bool find(double x, double y, int& index) const;

    /// The title, if one was set.
    const char* title() const;
    /// Sets the title.
    void set_title(const char* title);

    /// The background.
    color background() const;
    /// Paints the background.
    void set_background(color c);
    /// How shapes are drawn.
    mode draw_mode() const;
    /// Sets how shapes are drawn.
    void set_draw_mode(mode m = filled);

    /// Adds a layer on top.
    layer* add_layer(const char* name);
    /// The layer at `index`, or null.
    const layer* layer_at(int index) const;
    /// The layer on top, or null.
    layer* top_layer();
    /// Removes every layer.
    void clear_layers();
    /// How many layers there are.
    int layers() const;
    /// How many layers are called `name`.
    int layers_named(const char* name = CANVAS_TEXT("layer")) const;
    /// The layers' names, bottom first.
    std::vector<std::string> layer_names() const;
    /// The x of every shape.
    std::vector<double> xs() const;
    /// Moves every shape by the offsets, in turn.
    void shift(const std::vector<double>& offsets);
    /// The number of layers alive in the process.
    static int live_layers();
    /// A new cursor before the first shape.
    cursor* make_cursor() const;

    /// The number of canvases alive in the process.
    static int live();

private:
    int width_;
    int height_;
    int shapes_ = 0;
    double* xs_ = nullptr;
    double* ys_ = nullptr;
    char* title_ = nullptr;
    color background_ = color::white;
    layer** layers_ = nullptr;
    int layer_count_ = 0;
    mode mode_ = outline;
};

/// A walk over the shapes of a canvas.
class CANVAS_API cursor {
public:
    explicit cursor(const canvas& over);
    ~cursor();
    /// Moves to the next shape; false when there is none.
    bool advance();
    /// The x of the shape it is at.
    double x() const;

private:
    const canvas* over_;
    int at_ = -1;
};

}  // namespace canvas
