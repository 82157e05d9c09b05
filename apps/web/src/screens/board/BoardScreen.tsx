import { BoardClient } from '@spaflow/client';
import type { Board, CallDestination, Called } from '@spaflow/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { playChime } from '../monitor/chime';
import classes from './board.module.css';

/** A call-out stands out on the board this long, then the board is calm again. */
export const CALL_OUT_MS = 10_000;
/** Every this often the whole board moves a few pixels, so a TV that shows it all day does not burn in. */
export const BURN_IN_SHIFT_MS = 10 * 60_000;
const SHIFTS = [
  [0, 0],
  [6, 4],
  [-5, 6],
  [4, -6],
  [-6, -4],
] as const;

function shiftNow(): readonly [number, number] {
  return SHIFTS[Math.floor(Date.now() / BURN_IN_SHIFT_MS) % SHIFTS.length]!;
}

/** The estimate moves with time even when nothing happens: the board is read again this often. */
const REFRESH_MS = 60_000;

/**
 * The live board (BoardClient): the newest board by seq, and each call-out handed to `onCalled` once per seq,
 * live only (a reconnect brings the board again, never old call-outs).
 */
function useBoard(onCalled: (called: Called) => void) {
  const [board, setBoard] = useState<Board | null>(null);
  const [connected, setConnected] = useState(false);
  const onCalledRef = useRef(onCalled);
  onCalledRef.current = onCalled;

  useEffect(() => {
    const client = new BoardClient({
      url: window.location.origin,
      onBoard: setBoard,
      onCalled: (called) => onCalledRef.current(called),
    });
    client.socket.on('connect', () => setConnected(true));
    client.socket.on('disconnect', () => setConnected(false));
    client.connect().catch(() => undefined); // the socket keeps trying by itself
    client.reload().catch(() => undefined);
    const refresh = setInterval(() => void client.reload().catch(() => undefined), REFRESH_MS);
    return () => {
      clearInterval(refresh);
      client.close();
    };
  }, []);
  return { board, connected };
}

/**
 * The public call board for the waiting area's TV (no sign-in): ticket codes only — who is called to which
 * room or counter, the codes called before, the codes waiting in order, and the wait for a new guest.
 * Silent until a staff member turns the sound on; then one chime (and, if chosen, a spoken call) per call-out.
 */
export function BoardScreen() {
  const { t, i18n } = useTranslation('board');
  const [sound, setSound] = useState(false);
  const [speech, setSpeech] = useState(false);
  const [highlight, setHighlight] = useState<Called | null>(null);
  const [shift, setShift] = useState(shiftNow);
  const settings = useRef({ sound, speech });
  settings.current = { sound, speech };

  const where = useCallback(
    (destination: CallDestination) =>
      destination.name
        ? t(destination.kind === 'room' ? 'room' : 'counter', { name: destination.name })
        : t(destination.kind === 'room' ? 'roomNoName' : 'counterNoName'),
    [t],
  );

  const { board, connected } = useBoard((called) => {
    setHighlight(called);
    if (!settings.current.sound) return;
    playChime();
    if (settings.current.speech && 'speechSynthesis' in window) {
      const utterance = new SpeechSynthesisUtterance(
        t('speech', { code: called.code.split('').join(' '), destination: where(called.destination) }),
      );
      utterance.lang = i18n.language === 'fil' ? 'fil-PH' : 'en-PH';
      window.speechSynthesis.speak(utterance);
    }
  });

  useEffect(() => {
    if (!highlight) return;
    const timer = setTimeout(() => setHighlight(null), CALL_OUT_MS);
    return () => clearTimeout(timer);
  }, [highlight]);

  useEffect(() => {
    const timer = setInterval(() => setShift(shiftNow()), 30_000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    document.title = board?.shopName ?? t('title');
  }, [board?.shopName, t]);

  const current = board?.calling[0] ?? null;
  const alsoCalling = board?.calling.slice(1) ?? [];
  const announcing = highlight !== null && current?.code === highlight.code;

  return (
    <div className={classes.screen}>
      <div
        className={classes.board}
        style={{ transform: `translate(${shift[0]}px, ${shift[1]}px)` }}
        data-testid="board"
      >
        <header className={classes.header}>
          <h1 className={classes.shop}>{board?.shopName ?? t('title')}</h1>
          <div className={classes.controls}>
            <span className={classes.connection} data-testid="connection">
              {connected ? `● ${t('live')}` : `○ ${t('reconnecting')}`}
            </span>
            <button type="button" className={classes.toggle} aria-pressed={sound} onClick={() => setSound(!sound)}>
              {sound ? `♪ ${t('soundOn')}` : t('soundOff')}
            </button>
            {sound && (
              <button type="button" className={classes.toggle} aria-pressed={speech} onClick={() => setSpeech(!speech)}>
                {speech ? t('speechOn') : t('speechOff')}
              </button>
            )}
            <LanguageSwitch size="lg" classNames={{ root: classes.language, label: classes.languageLabel }} />
          </div>
        </header>

        <main className={classes.main}>
          <section className={classes.calling} aria-labelledby="calling-title">
            <h2 id="calling-title" className={classes.heading}>
              {t('calling')}
            </h2>
            {current ? (
              <div
                key={highlight?.seq ?? 'calm'}
                className={`${classes.callout} ${announcing ? classes.announcing : ''}`}
                data-testid="callout"
                data-announcing={announcing}
              >
                <span className={classes.calloutCode} data-testid="callout-code">
                  {current.code}
                </span>
                <span className={classes.calloutPlace} data-testid="callout-place">
                  → {where(current.destination)}
                </span>
              </div>
            ) : (
              <p className={classes.calm}>{t('nobodyCalled')}</p>
            )}
            {alsoCalling.length > 0 && (
              <ul className={classes.alsoCalling} aria-label={t('calling')}>
                {alsoCalling.map((call) => (
                  <li key={`${call.code}-${call.at}`}>
                    <span className={classes.smallCode}>{call.code}</span> → {where(call.destination)}
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className={classes.waiting} aria-labelledby="waiting-title">
            <h2 id="waiting-title" className={classes.heading}>
              {t('waiting')}
            </h2>
            {board && board.waiting.length > 0 ? (
              <ol className={classes.waitingCodes} data-testid="waiting">
                {board.waiting.map((ticket) => (
                  <li key={ticket.code}>{ticket.code}</li>
                ))}
              </ol>
            ) : (
              <p className={classes.calm}>{t('nobodyWaits')}</p>
            )}
          </section>

          <aside className={classes.side}>
            <section aria-labelledby="recent-title">
              <h2 id="recent-title" className={classes.heading}>
                {t('recentlyCalled')}
              </h2>
              {board && board.recentlyCalled.length > 0 ? (
                <ul className={classes.recent} data-testid="recent">
                  {board.recentlyCalled.map((call) => (
                    <li key={`${call.code}-${call.at}`}>
                      <span className={classes.smallCode}>{call.code}</span>
                      <span>{where(call.destination)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className={classes.calm}>{t('noneYet')}</p>
              )}
            </section>
            <section aria-labelledby="wait-title">
              <h2 id="wait-title" className={classes.heading}>
                {t('estimatedWait')}
              </h2>
              <p className={classes.wait} data-testid="estimated-wait">
                {board?.estimatedWaitMinutes === null || board?.estimatedWaitMinutes === undefined
                  ? t('noEstimate')
                  : t('waitMinutes', { count: board.estimatedWaitMinutes })}
              </p>
            </section>
          </aside>
        </main>
      </div>
      <div role="status" className={classes.srOnly}>
        {highlight ? t('announce', { code: highlight.code, destination: where(highlight.destination) }) : ''}
      </div>
    </div>
  );
}
