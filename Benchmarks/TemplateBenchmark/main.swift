// Renders a base layout plus a page template for many page contexts and prints pages per second.
// (Being written under issue #6.)
print("template benchmark: not yet written")
