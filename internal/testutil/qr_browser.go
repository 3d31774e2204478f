package testutil

// QR codes in the browser: jsQR (pinned in tools/axe/package.json, installed by the same
// `npm ci --prefix tools/axe` as axe-core) is injected into the page and decodes an image
// as the browser drew it, independently of the Go encoder that made it.

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/chromedp/chromedp"
)

// jsQRRelPath is where `npm ci --prefix tools/axe` puts jsQR, relative to the module root.
const jsQRRelPath = "tools/axe/node_modules/jsqr/dist/jsQR.js"

// decodeQRJS draws the image matched by the selector (%q) into a canvas at its natural
// size and decodes that canvas with jsQR.
const decodeQRJS = `(async () => {
  const img = document.querySelector(%q);
  if (!(img instanceof HTMLImageElement)) return {error: "no image"};
  try { await img.decode(); } catch (e) { return {error: "image does not load: " + e}; }
  const canvas = document.createElement("canvas");
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const g = canvas.getContext("2d");
  g.drawImage(img, 0, 0);
  const px = g.getImageData(0, 0, canvas.width, canvas.height);
  const code = jsQR(px.data, px.width, px.height);
  return code ? {text: code.data} : {error: "jsQR finds no QR code in the " + px.width + "×" + px.height + " image"};
})()`

// DecodeQR decodes the QR code shown by the <img> that selector matches on the current
// page and returns its text. The test fails when there is no such image or no readable
// code in it; it is skipped (or fails with REQUIRE_BROWSER=1) when jsQR is not installed.
func (b *Browser) DecodeQR(selector string) string {
	b.t.Helper()
	loaded, err := run(b, chromedp.Evaluate[bool](`typeof window.jsQR === "function"`))
	if err != nil {
		b.t.Fatalf("browser: jsQR on %s: %v", b.Path(), err)
	}
	if !loaded {
		src := b.jsQRSource()
		if err := b.do(chromedp.Evaluate[chromedp.Void](src)); err != nil {
			b.t.Fatalf("browser: inject jsQR into %s: %v", b.Path(), err)
		}
	}
	var res struct{ Text, Error string }
	b.Eval(fmt.Sprintf(decodeQRJS, selector), &res)
	if res.Error != "" {
		b.t.Fatalf("browser: QR code %s on %s: %s", selector, b.Path(), res.Error)
	}
	return res.Text
}

// jsQRSource reads jsQR as installed in tools/axe.
func (b *Browser) jsQRSource() string {
	b.t.Helper()
	root, err := moduleRoot()
	if err != nil {
		b.t.Fatal(err)
	}
	p := filepath.Join(root, filepath.FromSlash(jsQRRelPath))
	src, err := os.ReadFile(p)
	if err != nil {
		msg := fmt.Sprintf("jsQR not found at %s (install it with `npm ci --prefix tools/axe`)", p)
		if os.Getenv("REQUIRE_BROWSER") == "1" {
			b.t.Fatal("REQUIRE_BROWSER=1 but the QR code cannot be decoded: " + msg)
		}
		b.t.Skip("QR decoding skipped: " + msg)
	}
	return string(src)
}
