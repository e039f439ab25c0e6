"use client";

import Link from "next/link";
import { CrisisLinesCard, crisisLinesForUi } from "@/components/chat/crisis-lines";
import { useLanguage } from "@/components/chat/language";
import { regionalTag } from "@/components/chat/language-preference";
import { useBrowserLanguages } from "@/components/chat/use-browser-languages";
import { HOME_TEXT } from "./home-text";

/** Regional lines shown on the home page; the worldwide directory always follows them. */
const HOME_LINES = 2;

/** The client home page: a welcome, what this service is and is not, where to get urgent help, privacy, and Start. */
export function ClientHome() {
  const { lang } = useLanguage();
  const text = HOME_TEXT[lang];
  const all = crisisLinesForUi(regionalTag(lang, useBrowserLanguages()));
  const lines = [...all.filter((line) => line.regions.length > 0).slice(0, HOME_LINES), ...all.filter((line) => line.regions.length === 0)];
  return (
    <main className="page home-page">
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title">{text.title}</h1>
        <p className="lede">{text.lede}</p>
        <div className="home-start">
          <Link href="/chat" className="btn btn-primary btn-large" data-testid="start-conversation">
            {text.start}
          </Link>
          <p className="muted small">{text.startNote}</p>
        </div>
      </section>

      <div className="home-grid">
        <section className="card home-card" aria-labelledby="home-what">
          <h2 id="home-what">{text.whatHeading}</h2>
          <ul className="home-points">
            {text.what.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </section>

        <section className="card home-card home-urgent" aria-labelledby="home-urgent" data-testid="home-urgent">
          <h2 id="home-urgent">{text.urgentHeading}</h2>
          <p>{text.urgentBody}</p>
          <CrisisLinesCard lines={lines} lang={lang} label={text.linesLabel} />
        </section>

        <section className="card home-card home-privacy" aria-labelledby="home-privacy">
          <h2 id="home-privacy">{text.privacyHeading}</h2>
          <ul className="home-points">
            {text.privacy.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        </section>
      </div>

      <p className="muted small home-staff">
        {text.staff} <Link href="/studio">{text.studio}</Link> · <Link href="/review">{text.review}</Link>
      </p>
    </main>
  );
}
