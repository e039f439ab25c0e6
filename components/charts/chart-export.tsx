"use client";

/**
 * Download buttons for a server-drawn chart: the SVG as it is, a PNG drawn from it in a canvas
 * (twice the size, for sharp slides and print), and the chart's rows as CSV.
 */
import { useRef, useState } from "react";
import { csvDownload } from "@/server/services/review/csv";

const PNG_SCALE = 2;

function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is no longer needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function svgMarkup(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  return new XMLSerializer().serializeToString(copy);
}

async function svgToPng(markup: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([markup], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = width * PNG_SCALE;
    canvas.height = height * PNG_SCALE;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw into a canvas.");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The PNG could not be made."))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function ChartExport({ title, filename, csv, width, height }: { title: string; filename: string; csv: string; width: number; height: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  const chartSvg = (): SVGSVGElement | null => ref.current?.closest("figure")?.querySelector<SVGSVGElement>(".chart-image svg") ?? null;

  const downloadSvg = () => {
    const svg = chartSvg();
    if (svg) saveBlob(new Blob([svgMarkup(svg)], { type: "image/svg+xml" }), `${filename}.svg`);
  };
  const downloadPng = async () => {
    const svg = chartSvg();
    if (!svg) return;
    setError(null);
    try {
      saveBlob(await svgToPng(svgMarkup(svg), width, height), `${filename}.png`);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "The PNG could not be made.");
    }
  };
  const downloadCsv = () => saveBlob(new Blob([csvDownload(csv)], { type: "text/csv;charset=utf-8" }), `${filename}.csv`);

  return (
    <div ref={ref} className="chart-export" role="group" aria-label={`Download ${title}`}>
      <button type="button" className="button small" onClick={downloadSvg}>
        SVG
      </button>
      <button type="button" className="button small" onClick={() => void downloadPng()}>
        PNG
      </button>
      <button type="button" className="button small" onClick={downloadCsv}>
        CSV
      </button>
      {error ? (
        <span role="alert" className="small">
          {error}
        </span>
      ) : null}
    </div>
  );
}
