import type { MetadataRoute } from "next";

/** The web app manifest: lets a client add Heartline to a phone's home screen. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Heartline",
    short_name: "Heartline",
    description: "Guided counselling conversations with an AI assistant, written by counsellors. Not an emergency service.",
    start_url: "/",
    scope: "/",
    display: "standalone",
    background_color: "#f7f6f3",
    theme_color: "#8a3b52",
    icons: [
      { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
